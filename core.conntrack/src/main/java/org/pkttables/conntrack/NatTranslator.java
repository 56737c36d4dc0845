package org.pkttables.conntrack;

import java.util.EnumSet;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;
import org.pkttables.api.Family;

/**
 * The service a NAT engine registers while it translates. core.conntrack fails closed without one: a packet
 * of a connection that has a NAT binding ({@link CtStatus#NAT_MASK}) is dropped and counted instead of
 * being forwarded untranslated, and its entry keeps the binding until the engine is back. Each family
 * counts on its own ({@link #families}): IPv6 NAT (core.nat66) can stop while IPv4 NAT (core.nat) translates.
 *
 * @since 1.2.0
 */
@ConsumerType
public interface NatTranslator {
    /** A short name for status output ({@code nat}). */
    String name();

    /**
     * The families whose connections this engine translates (default: IPv4 and IPv6).
     *
     * @since 1.3.0
     */
    default Set<Family> families() {
        return EnumSet.of(Family.IPV4, Family.IPV6);
    }
}
