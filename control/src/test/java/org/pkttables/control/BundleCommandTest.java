package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.pkttables.api.CommandFrontend;

/** {@code bundle stop|start}: which bundle it finds, what it refuses, the transient flags, the errors. */
class BundleCommandTest {
    private final List<String> calls = new ArrayList<>();
    private final Bundle framework = bundle(0, "org.apache.felix.framework");
    private final Bundle control = bundle(3, "org.pkttables.control");
    private final Bundle nat = bundle(12, "org.pkttables.core.nat");
    private final Bundle[] all = { framework, control, nat };
    private final BundleCommand command = new BundleCommand((BundleContext) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] { BundleContext.class }, (p, m, a) -> switch (m.getName()) {
                case "getBundles" -> all;
                case "getBundle" -> a == null ? control : find((Long) a[0]);
                default -> throw new UnsupportedOperationException(m.getName());
            }));

    private Bundle find(long id) {
        for (Bundle b : all) {
            if (b.getBundleId() == id) {
                return b;
            }
        }
        return null;
    }

    private Bundle bundle(long id, String name) {
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Bundle.class },
                (p, m, a) -> switch (m.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> name;
                    case "stop", "start" -> {
                        calls.add(m.getName() + " " + name + " " + a[0]);
                        if (name.endsWith("nat") && m.getName().equals("start") && calls.size() > 2) {
                            throw new BundleException("Activator start error");
                        }
                        yield null;
                    }
                    case "hashCode" -> (int) id;
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private CommandFrontend.Result run(String... args) {
        return command.run(List.of(args), "");
    }

    @Test
    void stopsAndStartsTransientlyByNameOrId() {
        assertEquals(0, run("stop", "org.pkttables.core.nat").exit());
        assertEquals(0, run("start", "12").exit());
        assertEquals(List.of("stop org.pkttables.core.nat " + Bundle.STOP_TRANSIENT,
                "start org.pkttables.core.nat " + Bundle.START_TRANSIENT), calls);
        CommandFrontend.Result failed = run("start", "12");
        assertEquals(1, failed.exit());
        assertEquals("bundle: start org.pkttables.core.nat: Activator start error\n", failed.err());
    }

    @Test
    void badInputAndTheFrameworkAndControlItselfAreRefused() {
        assertEquals(2, run().exit());
        assertEquals("bundle: bad arguments [pause, 12]\nusage: bundle stop|start ID|SYMBOLIC-NAME\n",
                run("pause", "12").err());
        assertEquals("bundle: no bundle `core.nat' (see `lb')\n", run("stop", "core.nat").err());
        assertEquals("bundle: no bundle `99' (see `lb')\n", run("stop", "99").err());
        assertEquals("bundle: `org.pkttables.control' cannot be stopped or started from the control socket\n",
                run("stop", "org.pkttables.control").err());
        assertEquals(1, run("stop", "0").exit());
        assertEquals(List.of(), calls, "nothing was stopped or started");
    }
}
