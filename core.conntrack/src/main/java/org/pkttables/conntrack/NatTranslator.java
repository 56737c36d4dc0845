package org.pkttables.conntrack;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The service a NAT engine registers while it translates. core.conntrack fails closed without one: a packet
 * of a connection that has a NAT binding ({@link CtStatus#NAT_MASK}) is dropped and counted instead of
 * being forwarded untranslated, and its entry keeps the binding until the engine is back.
 *
 * @since 1.2.0
 */
@ConsumerType
public interface NatTranslator {
    /** A short name for status output ({@code nat}). */
    String name();
}
