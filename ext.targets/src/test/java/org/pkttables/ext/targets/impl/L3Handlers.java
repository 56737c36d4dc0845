package org.pkttables.ext.targets.impl;

import java.lang.reflect.InvocationTargetException;

import org.junit.jupiter.api.Assumptions;

/**
 * The ipv4 and ipv6 L3 handlers for Harness tests. Looked up by name so this bundle builds before the
 * l3 modules exist; a test that needs them is skipped (not failed) while they are missing.
 */
final class L3Handlers {
    static final String IPV4 = "org.pkttables.l3.ipv4.impl.Ipv4Handler";
    static final String IPV6 = "org.pkttables.l3.ipv6.impl.Ipv6Handler";

    private L3Handlers() {
    }

    static Object[] all() {
        return new Object[] {create(IPV4), create(IPV6)};
    }

    private static Object create(String name) {
        Class<?> c;
        try {
            c = Class.forName(name);
        } catch (ClassNotFoundException e) {
            Assumptions.abort("L3 handler " + name + " is not on the test classpath (modules l3.ipv4/l3.ipv6"
                    + " not on main yet)");
            throw new AssertionError(e);
        }
        try {
            return c.getConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new AssertionError(name + " has no public no-arg constructor", e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(name + " failed to construct", e.getCause());
        }
    }
}
