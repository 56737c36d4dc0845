package org.pkttables.route;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when one of the appliance's addresses goes away ({@code ip addr del}, a configuration load without
 * it): the kernel's inetaddr notifier, with which NAT flushes the connections MASQUERADE bound to that
 * address. A whiteboard service: every one registered is called, after the table no longer has the
 * address, on the thread that changed the table (never on a packet's path).
 *
 * @since 1.2.0
 */
@ConsumerType
public interface AddressListener {
    /** {@code removed} is no longer the appliance's. */
    void addressRemoved(InterfaceAddress removed);
}
