package org.pkttables.nat.impl;

import java.util.function.Predicate;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.ConntrackService;
import org.pkttables.conntrack.CtStatus;
import org.pkttables.route.AddressListener;
import org.pkttables.route.InterfaceAddress;

/**
 * When an address of the appliance goes away, the connections source-NATed to it are removed from the
 * conntrack table, as the kernel's MASQUERADE address notifier ({@code masq_inet_event}) does: their replies
 * could never come back to an address the appliance no longer has, and the clients' next packets start new
 * connections that MASQUERADE binds to the port's current address. The kernel tells masqueraded entries from
 * other SNAT ones by the output device it stored; the table here keeps no such mark, so every entry whose
 * source was translated to the removed address goes (an SNAT --to-source of an address the appliance does
 * not have is as dead).
 */
@Component(service = AddressListener.class)
public final class MasqueradeFlush implements AddressListener {
    private final ConntrackService conntrack;

    @Activate
    public MasqueradeFlush(@Reference ConntrackService conntrack) {
        this.conntrack = conntrack;
    }

    @Override
    public void addressRemoved(InterfaceAddress removed) {
        conntrack.flush(boundTo(removed));
    }

    /** Entries whose source was translated to {@code removed}'s address (their reply tuple's destination). */
    static Predicate<ConntrackEntry> boundTo(InterfaceAddress removed) {
        return e -> e.hasStatus(CtStatus.SRC_NAT) && removed.address().equals(e.replDst())
                && !removed.address().equals(e.origSrc());
    }
}
