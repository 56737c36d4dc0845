package org.pkttables.io.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;

class RouterSettingsTest {
    private final List<InterfaceAddress> addrs = List.of(RouterSettings.parseAddress("10.0.2.1/24 dev veth2"),
            RouterSettings.parseAddress("fd00:2::1/64 dev veth2"));

    @Test
    void addressesAndRoutesInIpSyntax() {
        InterfaceAddress a = RouterSettings.parseAddress("10.0.1.1/24 dev veth1");
        assertEquals("10.0.1.1/24 dev veth1", a.toString());
        Route r = RouterSettings.parseRoute("10.9.0.0/16 via 10.0.2.2 dev veth2 metric 5", addrs);
        assertEquals(Family.IPV4, r.family());
        assertEquals(16, r.prefixLength());
        assertEquals(5, r.metric());
        assertEquals("veth2", r.nextHops().get(0).iface());
        Route d = RouterSettings.parseRoute("default via fd00:2::2", addrs);
        assertEquals(Family.IPV6, d.family());
        assertEquals(0, d.prefixLength());
        assertEquals("veth2", d.nextHops().get(0).iface(), "the port whose subnet holds the gateway");
        Route b = RouterSettings.parseRoute("blackhole 10.8.0.0/16", addrs);
        assertEquals(RouteType.BLACKHOLE, b.type());
        assertTrue(b.nextHops().isEmpty());
        assertNull(RouterSettings.parseRoute("10.7.0.0/16 dev veth2", addrs).nextHops().get(0).gateway());
    }

    @Test
    void badInputIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RouterSettings.parseAddress("10.0.1.1 dev x"))
                .getMessage().contains("prefix length is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RouterSettings.parseAddress("10.0.1.300/24 dev x")).getMessage().contains("10.0.1.300"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> RouterSettings.parseAddress("gw.example/24 dev x")).getMessage().contains("gw.example"),
                "names are never looked up");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RouterSettings.parseRoute("10.9.0.1/16 dev x",
                addrs)).getMessage().contains("host bits"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RouterSettings.parseRoute("10.9.0.0/16 via "
                + "192.168.5.5", addrs)).getMessage().contains("dev PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RouterSettings.parseRoute("10.9.0.0/16 mtu 5",
                addrs)).getMessage().contains("unknown word `mtu'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RouterSettings(List.of("a", "a"), 1, 60,
                null, null)).getMessage().contains("twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RouterSettings(List.of("a"), 1, 60,
                List.of(RouterSettings.parseAddress("10.0.0.1/8 dev b")), List.of())).getMessage()
                .contains("not a router port"));
    }

    @Test
    void onlyPortsAndWorkersRestartCapture() {
        RouterSettings a = new RouterSettings(List.of("a", "b"), 2, 60, null, null);
        RouterSettings b = new RouterSettings(List.of("a", "b"), 2, 60, List.of(), List.of());
        assertTrue(a.sameCapture(b));
        assertTrue(!a.sameCapture(new RouterSettings(List.of("a", "c"), 2, 60, null, null)));
    }
}
