package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.impl.RoutingTableImpl;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.nat.NatCore;
import org.pkttables.nat.RoutedAddresses;

/**
 * The MASQUERADE address notifier: router mode's address table tells {@link MasqueradeFlush} that an address
 * went, and the connections source-NATed to it leave the conntrack table; others stay. The next packet of a
 * flushed connection is bound afresh to the port's new address.
 */
class MasqueradeFlushTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, now::get);
    private final NatCore core = new NatCore();
    private final RoutingTableImpl routes = new RoutingTableImpl();
    private final Harness h = NatEngineTest.natHarness(engine, core);

    private static byte[] udp(String src, String dst, int sp, int dp) {
        return Frames.ipv4(src, dst).udp(sp, dp).payload("hello masq").build();
    }

    private int out(byte[] f) {
        return h.injectPath(Family.IPV4, f, "lan", "wan", Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING);
    }

    private static InterfaceAddress wan(String a) throws Exception {
        return new InterfaceAddress("wan", InetAddress.getByName(a), 24);
    }

    @Test
    void removingTheOutsideAddressFlushesWhatWasMasqueradedToItOnly() throws Exception {
        core.setAddresses((iface, p) -> {
            List<InterfaceAddress> as = routes.addresses();
            for (InterfaceAddress a : as) {
                if (a.iface().equals(iface)) {
                    return RoutedAddresses.ipv4(a.address());
                }
            }
            return -1;
        });
        routes.addAddressListener(new MasqueradeFlush(engine));
        routes.configure(List.of(wan("203.0.113.1")), List.of());
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o wan -d 198.51.100.7 -j MASQUERADE").exit());
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o wan -d 198.51.100.8 -j SNAT --to-source 192.0.2.9")
                .exit());
        byte[] m = udp("10.0.0.2", "198.51.100.7", 5000, 53);
        assertEquals(Verdict.ACCEPT, out(m));
        assertArrayEquals(udp("203.0.113.1", "198.51.100.7", 5000, 53), m);
        assertEquals(Verdict.ACCEPT, out(udp("10.0.0.2", "198.51.100.8", 5001, 54)));
        // the appliance's own connection from that address: not source-NATed, not flushed
        assertEquals(Verdict.ACCEPT, out(udp("203.0.113.1", "198.51.100.9", 5002, 55)));
        assertEquals(3, engine.count());

        routes.deleteAddress(wan("203.0.113.1"));
        routes.addAddress(wan("203.0.113.2"));

        String left = h.sh("conntrack -L").out();
        assertEquals(2, engine.count(), left);
        assertFalse(left.contains("sport=5000"), "the masqueraded connection went: " + left);
        assertTrue(left.contains("dst=192.0.2.9") && left.contains("sport=5002"), left);
        // its next packet starts a new connection, masqueraded to the address the port has now
        byte[] again = udp("10.0.0.2", "198.51.100.7", 5000, 53);
        assertEquals(Verdict.ACCEPT, out(again));
        assertArrayEquals(udp("203.0.113.2", "198.51.100.7", 5000, 53), again);
    }
}
