package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.waitFor;
import static org.pkttables.e2e.Readings.packets;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Router mode on real interfaces: client (10.0.1.2/24, fd00:1::2/64, default via the appliance) --
 * veth -- appliance (two ports with no kernel addresses; its own addresses 10.0.1.1, fd00:1::1,
 * 10.0.2.1, fd00:2::1 come from its --config script) -- veth -- server (10.0.2.2/24, fd00:2::2/64,
 * default via the appliance), kernel default offloads on the end hosts. The end hosts find the
 * appliance by ARP and neighbour discovery that the appliance answers itself. ping through and to the
 * appliance, TTL expiry, curl to python's http.server and iperf3 over IPv4 and IPv6; FORWARD DROP
 * rules through ctl stop curl, count, and go away. Everything made here is removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouterNetnsIT {
    private static final String PAGE = "pkttables router e2e\n";

    // The appliance's kernel owns no address on its ports, not even an IPv6 link-local one: every
    // ARP and ND answer the end hosts get comes from pkttables.
    @RegisterExtension
    static final Lab LAB = Lab.routerBetweenTwoNets().needs("ping", "curl", "python3");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        String log = LAB.appliance().log();
        assertTrue(log.contains("router: port " + LAB.port(0)), "attach is logged: " + log);
        Files.writeString(LAB.home().resolve("index.html"), PAGE);
        LAB.httpServer("::", 80);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pingThroughAndToTheApplianceOverIpv4AndIpv6() throws Exception {
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.0.2.2"));
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-w", "15", "fd00:2::2"));
        // INPUT: the appliance answers for its own addresses, also the one on the far side
        assertOk(LAB.inClient("ping", "-c", "1", "-w", "5", "10.0.1.1"));
        assertOk(LAB.inClient("ping", "-c", "1", "-w", "5", "10.0.2.1"));
        assertOk(LAB.inClient("ping", "-c", "1", "-w", "5", "fd00:1::1"));
        String mac = sh("ip", "netns", "exec", LAB.applianceNs(), "cat", "/sys/class/net/" + LAB.port(0) + "/address").out().trim();
        String v4 = sh("ip", "-n", LAB.clientNs(), "neigh", "show", "10.0.1.1").out();
        assertTrue(v4.contains("lladdr " + mac), "ARP: the client knows the appliance's MAC " + mac + ": " + v4);
        String v6 = sh("ip", "-n", LAB.clientNs(), "-6", "neigh", "show", "fd00:1::1").out();
        assertTrue(v6.contains("lladdr " + mac) && v6.contains("router"), "ND: the client knows the appliance's "
                + "MAC and that it is a router: " + v6);
        String neigh = LAB.ctl("neigh").out();
        assertTrue(neigh.contains("10.0.2.2 dev " + LAB.port(1)) && neigh.contains("REACHABLE"), neigh);
    }

    @Test
    @Order(2)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aTtlThatRunsOutAtTheApplianceGetsTimeExceeded() throws Exception {
        Proc.Result r = LAB.inClient("ping", "-c", "1", "-t", "1", "-W", "3", "10.0.2.2");
        assertTrue(r.out().contains("From 10.0.1.1") && r.out().contains("Time to live exceeded"), r.out() + r.err());
        Proc.Result r6 = LAB.inClient("ping", "-6", "-c", "1", "-t", "1", "-W", "3", "fd00:2::2");
        assertTrue(r6.out().contains("From fd00:1::1") && r6.out().contains("Time exceeded"), r6.out() + r6.err());
        Proc.Result none = LAB.inClient("ping", "-c", "1", "-W", "3", "192.0.2.1");
        assertTrue(none.out().contains("Destination Net Unreachable"), "no route: " + none.out() + none.err());
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void curlAndBulkTcpWithDefaultOffloads() throws Exception {
        assertEquals(PAGE, curl("10.0.2.2").out());
        assertEquals(PAGE, curl("[fd00:2::2]").out());
        if (!onPath("iperf3")) {
            return;
        }
        LAB.background("iperf3", LAB.serverNs(), "iperf3", "-s");
        Lab.awaitListening("iperf3", LAB.serverNs(), "10.0.2.2", 5201);
        for (String server : List.of("10.0.2.2", "fd00:2::2")) {
            Proc.Result r = LAB.inClient("timeout", "30", "iperf3", "-c", server, "-t", "2");
            assertOk(r);
            assertTrue(Readings.iperfReceived(r.out()) > 10e6, "more than 10 MB to " + server + ": " + r.out());
        }
        String ports = LAB.ctl("ports").out();
        assertEquals(0, column(ports, 8), "no tx errors: " + ports);
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void forwardDropRulesThroughCtlStopCurlCountAndGoAway() throws Exception {
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertNotEquals(0, curl("10.0.2.2").exit(), "curl must fail while the rule is there");
        assertTrue(packets(LAB.ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out(), "DROP") > 0,
                "the DROP rule counted the SYNs");
        assertEquals(PAGE, curl("[fd00:2::2]").out(), "IPv6 is not affected by iptables");
        assertOk(LAB.ctl("iptables", "-D", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertEquals(PAGE, curl("10.0.2.2").out(), "traffic restored");

        assertOk(LAB.ctl("ip6tables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertNotEquals(0, curl("[fd00:2::2]").exit(), "IPv6 curl must fail while the rule is there");
        assertEquals(PAGE, curl("10.0.2.2").out(), "IPv4 is not affected by ip6tables");
        String listed = LAB.ctl("ip6tables", "-L", "FORWARD", "-v", "-n", "-x").out();
        assertTrue(packets(listed, "DROP") > 0, listed);
        assertOk(LAB.ctl("ip6tables", "-D", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertEquals(PAGE, curl("[fd00:2::2]").out());
    }

    @Test
    @Order(5)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void inputRulesGuardTheApplianceAndRejectAnswers() throws Exception {
        assertOk(LAB.ctl("iptables", "-A", "INPUT", "-p", "icmp", "-j", "DROP"));
        assertNotEquals(0, LAB.inClient("ping", "-c", "1", "-W", "2", "10.0.1.1").exit(), "INPUT drops pings to it");
        assertOk(LAB.inClient("ping", "-c", "1", "-W", "5", "10.0.2.2"));
        assertOk(LAB.ctl("iptables", "-F", "INPUT"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "REJECT", "--reject-with",
                "tcp-reset"));
        Proc.Result refused = LAB.inClient("curl", "-s", "-m", "4", "-o", "/dev/null", "-w", "%{exitcode}",
                "http://10.0.2.2/index.html");
        assertEquals("7", refused.out(), "REJECT's reset makes curl fail at once with `connection refused' (7)");
        assertOk(LAB.ctl("iptables", "-F", "FORWARD"));
        assertEquals(PAGE, curl("10.0.2.2").out());
        // the routes change while capture runs
        assertOk(LAB.ctl("ip", "route", "add", "blackhole", "10.0.2.2/32"));
        assertNotEquals(0, LAB.inClient("ping", "-c", "1", "-W", "2", "10.0.2.2").exit(), "blackholed");
        assertOk(LAB.ctl("ip", "route", "del", "blackhole", "10.0.2.2/32"));
        assertOk(LAB.inClient("ping", "-c", "1", "-W", "5", "10.0.2.2"));
    }

    @Test
    @Order(6)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStatefulRulesetForForwardedAndLocalTraffic() throws Exception {
        // FORWARD and INPUT policy DROP: new connections only from the client side; replies (and the
        // appliance's own echo replies, tracked at OUTPUT) pass as ESTABLISHED.
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-i", LAB.port(0), "-p", "tcp", "--dport", "80", "-m", "conntrack",
                "--ctstate", "NEW", "-j", "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-A", "INPUT", "-i", LAB.port(0), "-p", "icmp", "--icmp-type", "echo-request", "-j",
                "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-P", "FORWARD", "DROP"));
        assertOk(LAB.ctl("iptables", "-P", "INPUT", "DROP"));
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(PAGE, curl("10.0.2.2").out(), "stateful curl " + i);
            }
            assertOk(LAB.inClient("ping", "-c", "1", "-W", "5", "10.0.1.1"));
            assertNotEquals(0, LAB.inClient("ping", "-c", "1", "-W", "2", "10.0.2.2").exit(), "ping through is not allowed");
            assertNotEquals(0, LAB.inServer("ping", "-c", "1", "-W", "2", "10.0.2.1").exit(),
                    "INPUT only from the client side");
            String listed = LAB.ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
            assertTrue(packets(listed, "ACCEPT") >= 6, "replies matched ESTABLISHED: " + listed);
            String ct = LAB.ctl("conntrack", "-L", "-p", "tcp").out();
            assertTrue(ct.contains("dport=80") && ct.contains("src=10.0.1.2"), ct);
        } finally {
            assertOk(LAB.ctl("iptables", "-P", "FORWARD", "ACCEPT"));
            assertOk(LAB.ctl("iptables", "-P", "INPUT", "ACCEPT"));
            assertOk(LAB.ctl("iptables", "-F", "FORWARD"));
            assertOk(LAB.ctl("iptables", "-F", "INPUT"));
        }
    }

    @Test
    @Order(7)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void configAdminChangesAddressesWithoutRestartingCapture() throws Exception {
        // FileInstall turns deploy/PID.cfg into the ConfigAdmin configuration of pid org.pkttables.io.router.
        Files.writeString(LAB.home().resolve("deploy").resolve("org.pkttables.io.router.cfg"), String.join("\n",
                "ports = " + LAB.port(0) + "," + LAB.port(1),
                "addresses = 10.0.1.1/24 dev " + LAB.port(0) + ", fd00:1::1/64 dev " + LAB.port(0) + ", 10.0.2.1/24 dev " + LAB.port(1)
                        + ", fd00:2::1/64 dev " + LAB.port(1) + ", 10.0.1.254/24 dev " + LAB.port(0),
                "routes = blackhole 10.0.2.99/32",
                ""));
        waitFor("the new address 10.0.1.254 to answer", () -> LAB.inClient("ping", "-c", "1", "-W", "1", "10.0.1.254")
                .exit() == 0, 20);
        assertTrue(LAB.ctl("ip", "route", "show").out().contains("blackhole 10.0.2.99"), LAB.ctl("ip", "route").out());
        assertOk(LAB.inClient("ping", "-c", "1", "-W", "5", "10.0.2.2"));
        assertEquals(PAGE, curl("[fd00:2::2]").out());
        assertTrue(!LAB.appliance().log().contains("stopped routing"), "capture was not restarted: " + LAB.appliance().log());
    }

    @Test
    @Order(8)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void oneModeAtATime() throws Exception {
        Proc.Result shown = LAB.ctl("mode");
        assertOk(shown);
        assertTrue(shown.out().contains("router: " + LAB.port(0) + ", " + LAB.port(1)) && shown.out().contains("no bridge"),
                shown.out());
        Proc.Result bridge = LAB.ctl("mode", "bridge", LAB.port(0) + "," + LAB.port(1));
        assertEquals(1, bridge.exit(), bridge.out() + bridge.err());
        assertTrue(bridge.err().contains("router mode is running"), bridge.err());
        assertOk(LAB.inClient("ping", "-c", "1", "-W", "5", "10.0.2.2"));
    }

    // ---- helpers ----

    private Proc.Result curl(String host) throws Exception {
        return LAB.inClient("curl", "-s", "-g", "-m", "4", "http://" + host + ":80/index.html");
    }

    /** Sum of column {@code col} (0-based) over the port rows of the `ports` table. */
    private long column(String table, int col) {
        long s = 0;
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if ((f[0].equals(LAB.port(0)) || f[0].equals(LAB.port(1))) && f.length > col) {
                s += Long.parseLong(f[col]);
            }
        }
        return s;
    }
}
