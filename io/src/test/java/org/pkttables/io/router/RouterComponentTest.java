package org.pkttables.io.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.route.RouteType;
import org.pkttables.route.impl.RoutingTableImpl;
import org.pkttables.tables.testing.Harness;
import org.pkttables.io.mode.ModeCommand;
import org.pkttables.io.mode.ModeControl;

/**
 * The router component's configuration handling, without live ports: the rules are never reported
 * loaded here, so it never attaches; what it does to the routing table and what it reports is checked.
 */
class RouterComponentTest {
    private final RoutingTableImpl rt = new RoutingTableImpl();
    private final RouterComponent c = new RouterComponent(new Harness().with(new Ipv4Handler()).ruleset(), rt,
            config(new String[0], new String[0], new String[0]));

    public static RouterComponent.Config config(String[] ports, String[] addresses, String[] routes) {
        return new RouterComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RouterComponent.Config.class;
            }

            @Override
            public String[] ports() {
                return ports;
            }

            @Override
            public int workers() {
                return 0;
            }

            @Override
            public int neighbourAgeing() {
                return 60;
            }

            @Override
            public String[] addresses() {
                return addresses;
            }

            @Override
            public String[] routes() {
                return routes;
            }
        };
    }

    @Test
    void idleUntilToldWhichPorts() {
        assertFalse(c.running());
        assertTrue(c.status().startsWith("no router: start with `mode router IF1,IF2'"), c.status());
        assertEquals(c.status() + "\n", c.ports());
    }

    @Test
    void addressesAndRoutesFromTheConfigurationGoIntoTheRoutingTable() throws Exception {
        c.modified(config(new String[] {"a,b"}, new String[] {"10.0.1.1/24 dev a, fd00:1::1/64 dev a",
            "10.0.2.1/24 dev b"}, new String[] {"10.9.0.0/16 via 10.0.2.2", "blackhole 10.8.0.0/16"}));
        assertEquals(3, rt.addresses().size());
        assertEquals("b", rt.lookup(InetAddress.getByName("10.9.1.1")).nextHops().get(0).iface());
        assertEquals(RouteType.BLACKHOLE, rt.lookup(InetAddress.getByName("10.8.1.1")).type());
        assertNotNull(rt.localAddress(Family.IPV6, InetAddress.getByName("fd00:1::1").getAddress(), 0));
        assertTrue(c.status().contains("a, b waiting for the rules to be loaded"), c.status());
        // a new configuration replaces them all
        c.modified(config(new String[] {"a,b"}, new String[] {"10.0.1.1/24 dev a"}, new String[0]));
        assertEquals(1, rt.addresses().size());
        assertNull(rt.lookup(InetAddress.getByName("10.9.1.1")));
    }

    @Test
    void aBadConfigurationIsRejectedNamingTheProblemAndChangesNothing() throws Exception {
        c.modified(config(new String[] {"a"}, new String[] {"10.0.1.1/24 dev a"}, new String[0]));
        c.modified(config(new String[] {"a"}, new String[] {"10.0.1.1/24 dev a"},
                new String[] {"10.9.0.0/16 via 1.2.3.4"}));
        assertTrue(c.status().startsWith("router configuration rejected: route `10.9.0.0/16 via 1.2.3.4'"), c.status());
        assertEquals(1, rt.addresses().size());
    }

    @Test
    void theModeCommandSetsThePorts() {
        ModeCommand mode = new ModeCommand(List.of(c));
        assertEquals(0, mode.run(List.of("router", "x0,x1", "--workers", "1"), "").exit());
        assertTrue(c.status().contains("x0, x1 waiting"), c.status());
        assertEquals(2, mode.run(List.of("router"), "").exit());
        assertEquals(1, mode.run(List.of("router", "x0,x0"), "").exit());
        assertEquals(0, mode.run(List.of("off"), "").exit());
        assertTrue(c.status().startsWith("no router"));
        assertThrows(IllegalArgumentException.class, () -> c.start(List.of("bad name!"), 1));
    }

    @Test
    void notWhileTheBridgeRuns() {
        ModeControl bridge = new ModeControl() {
            @Override
            public String ports() {
                return "";
            }

            @Override
            public String workers() {
                return "";
            }

            @Override
            public boolean running() {
                return true;
            }

            @Override
            public String mode() {
                return "bridge";
            }

            @Override
            public void start(List<String> ports, int workers) {
                throw new AssertionError("not started");
            }

            @Override
            public void off() {
            }

            @Override
            public String status() {
                return "bridge: x, y";
            }
        };
        ModeCommand mode = new ModeCommand(List.of(bridge, c));
        CommandFrontend.Result r = mode.run(List.of("router", "x0,x1"), "");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("bridge mode is running"), r.err());
        assertTrue(c.status().startsWith("no router"));
        assertTrue(mode.run(List.of(), "").out().startsWith("bridge: x, y\nno router"), mode.run(List.of(), "").out());
        assertEquals(2, mode.run(List.of("switch", "a,b"), "").exit());
    }
}
