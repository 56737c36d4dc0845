package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.sh0;
import static org.pkttables.e2e.Lab.uid;
import static org.pkttables.e2e.Lab.waitFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

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
    private static final Path ROOT = Proc.ROOT;
    private static final String PAGE = "pkttables router e2e\n";

    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pktr" + id + "c";
    private final String nsF = "pktr" + id + "f";
    private final String nsS = "pktr" + id + "s";
    private final String vC = "pr" + id + "c0";
    private final String vF0 = "pr" + id + "f0";
    private final String vF1 = "pr" + id + "f1";
    private final String vS = "pr" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;
    private Process appliance;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "RouterNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
        Lab.assumeInstalled("RouterNetnsIT", "libpcap0.8");
        assumeTrue(onPath("ip"), "RouterNetnsIT needs iproute2 (`ip`): not installed, skipped");
        for (String tool : List.of("ping", "curl", "python3")) {
            assumeTrue(onPath(tool), "RouterNetnsIT needs `" + tool + "`: not installed, skipped");
        }
        home = Files.createTempDirectory("pkt-e2e-router");
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        // The appliance's kernel owns no address on its ports, not even an IPv6 link-local one: every
        // ARP and ND answer the end hosts get comes from pkttables.
        Lab.noIpv6(nsF);
        host(nsC, vC, "10.0.1.2/24", "fd00:1::2/64");
        host(nsS, vS, "10.0.2.2/24", "fd00:2::2/64");
        for (String[] l : new String[][] {{nsF, vF0}, {nsF, vF1}}) {
            sh("ip", "-n", l[0], "link", "set", l[1], "up");
        }
        sh("ip", "-n", nsC, "route", "add", "default", "via", "10.0.1.1");
        sh("ip", "-n", nsC, "-6", "route", "add", "default", "via", "fd00:1::1");
        sh("ip", "-n", nsS, "route", "add", "default", "via", "10.0.2.1");
        sh("ip", "-n", nsS, "-6", "route", "add", "default", "via", "fd00:2::1");
        Path config = home.resolve("router.conf");
        Files.writeString(config, String.join("\n",
                "# router mode: the appliance's addresses, then its ports",
                "ip addr add 10.0.1.1/24 dev " + vF0,
                "ip addr add fd00:1::1/64 dev " + vF0,
                "ip addr add 10.0.2.1/24 dev " + vF1,
                "ip addr add fd00:2::1/64 dev " + vF1,
                "mode router " + vF0 + "," + vF1,
                ""));
        appliance = background("appliance", "ip", "netns", "exec", nsF, ROOT.resolve("bin/pkttables").toString(),
                "run", "--config", config.toString(), "--socket", home.resolve("ctl.sock").toString(), "--state",
                home.resolve("state").toString(), "--deploy", home.resolve("deploy").toString());
        long end = System.currentTimeMillis() + 90_000;
        String ports = "";
        while (System.currentTimeMillis() < end) {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + log("appliance"));
            Proc.Result r = ctl("ports");
            ports = r.out() + r.err();
            if (r.exit() == 0 && r.out().startsWith("router: 2 ports")) {
                break;
            }
            Thread.sleep(300);
        }
        assertTrue(ports.startsWith("router: 2 ports"), "the router did not come up: " + ports + "\n"
                + log("appliance"));
        assertTrue(log("appliance").contains("router: port " + vF0), "attach is logged: " + log("appliance"));
        background("http", "ip", "netns", "exec", nsS, "python3", "-m", "http.server", "80", "--bind", "::",
                "--directory", home.toString());
        Files.writeString(home.resolve("index.html"), PAGE);
        waitFor("the HTTP server to listen", () -> sh0("ip", "netns", "exec", nsS, "python3", "-c",
                "import socket; socket.create_connection(('::1', 80), 1).close()").exit() == 0);
    }

    @AfterAll
    void cleanUp() throws Exception {
        Lab.tearDown(processes, namespaces, home);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pingThroughAndToTheApplianceOverIpv4AndIpv6() throws Exception {
        assertOk(client("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.0.2.2"));
        assertOk(client("ping", "-c", "2", "-i", "0.2", "-w", "15", "fd00:2::2"));
        // INPUT: the appliance answers for its own addresses, also the one on the far side
        assertOk(client("ping", "-c", "1", "-w", "5", "10.0.1.1"));
        assertOk(client("ping", "-c", "1", "-w", "5", "10.0.2.1"));
        assertOk(client("ping", "-c", "1", "-w", "5", "fd00:1::1"));
        String mac = sh("ip", "netns", "exec", nsF, "cat", "/sys/class/net/" + vF0 + "/address").out().trim();
        String v4 = sh("ip", "-n", nsC, "neigh", "show", "10.0.1.1").out();
        assertTrue(v4.contains("lladdr " + mac), "ARP: the client knows the appliance's MAC " + mac + ": " + v4);
        String v6 = sh("ip", "-n", nsC, "-6", "neigh", "show", "fd00:1::1").out();
        assertTrue(v6.contains("lladdr " + mac) && v6.contains("router"), "ND: the client knows the appliance's "
                + "MAC and that it is a router: " + v6);
        String neigh = ctl("neigh").out();
        assertTrue(neigh.contains("10.0.2.2 dev " + vF1) && neigh.contains("REACHABLE"), neigh);
    }

    @Test
    @Order(2)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void aTtlThatRunsOutAtTheApplianceGetsTimeExceeded() throws Exception {
        Proc.Result r = client("ping", "-c", "1", "-t", "1", "-W", "3", "10.0.2.2");
        assertTrue(r.out().contains("From 10.0.1.1") && r.out().contains("Time to live exceeded"), r.out() + r.err());
        Proc.Result r6 = client("ping", "-6", "-c", "1", "-t", "1", "-W", "3", "fd00:2::2");
        assertTrue(r6.out().contains("From fd00:1::1") && r6.out().contains("Time exceeded"), r6.out() + r6.err());
        Proc.Result none = client("ping", "-c", "1", "-W", "3", "192.0.2.1");
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
        background("iperf3", "ip", "netns", "exec", nsS, "iperf3", "-s");
        waitFor("iperf3 to listen", () -> sh0("ip", "netns", "exec", nsS, "python3", "-c",
                "import socket; socket.create_connection(('10.0.2.2', 5201), 1).close()").exit() == 0);
        for (String server : List.of("10.0.2.2", "fd00:2::2")) {
            Proc.Result r = client("timeout", "30", "iperf3", "-c", server, "-t", "2");
            assertOk(r);
            Matcher m = Pattern.compile("([0-9.]+) (K|M|G)Bytes\\s+[0-9.]+ [KMG]?bits/sec\\s+receiver")
                    .matcher(r.out());
            assertTrue(m.find(), r.out());
            double scale = m.group(2).equals("K") ? 1e3 : m.group(2).equals("M") ? 1e6 : 1e9;
            assertTrue(Double.parseDouble(m.group(1)) * scale > 10e6, "more than 10 MB to " + server + ": " + r.out());
        }
        String ports = ctl("ports").out();
        assertEquals(0, column(ports, 8), "no tx errors: " + ports);
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void forwardDropRulesThroughCtlStopCurlCountAndGoAway() throws Exception {
        assertOk(ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertNotEquals(0, curl("10.0.2.2").exit(), "curl must fail while the rule is there");
        assertTrue(packets(ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out(), "DROP") > 0,
                "the DROP rule counted the SYNs");
        assertEquals(PAGE, curl("[fd00:2::2]").out(), "IPv6 is not affected by iptables");
        assertOk(ctl("iptables", "-D", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertEquals(PAGE, curl("10.0.2.2").out(), "traffic restored");

        assertOk(ctl("ip6tables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertNotEquals(0, curl("[fd00:2::2]").exit(), "IPv6 curl must fail while the rule is there");
        assertEquals(PAGE, curl("10.0.2.2").out(), "IPv4 is not affected by ip6tables");
        String listed = ctl("ip6tables", "-L", "FORWARD", "-v", "-n", "-x").out();
        assertTrue(packets(listed, "DROP") > 0, listed);
        assertOk(ctl("ip6tables", "-D", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertEquals(PAGE, curl("[fd00:2::2]").out());
    }

    @Test
    @Order(5)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void inputRulesGuardTheApplianceAndRejectAnswers() throws Exception {
        assertOk(ctl("iptables", "-A", "INPUT", "-p", "icmp", "-j", "DROP"));
        assertNotEquals(0, client("ping", "-c", "1", "-W", "2", "10.0.1.1").exit(), "INPUT drops pings to it");
        assertOk(client("ping", "-c", "1", "-W", "5", "10.0.2.2"));
        assertOk(ctl("iptables", "-F", "INPUT"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "REJECT", "--reject-with",
                "tcp-reset"));
        Proc.Result refused = client("curl", "-s", "-m", "4", "-o", "/dev/null", "-w", "%{exitcode}",
                "http://10.0.2.2/index.html");
        assertEquals("7", refused.out(), "REJECT's reset makes curl fail at once with `connection refused' (7)");
        assertOk(ctl("iptables", "-F", "FORWARD"));
        assertEquals(PAGE, curl("10.0.2.2").out());
        // the routes change while capture runs
        assertOk(ctl("ip", "route", "add", "blackhole", "10.0.2.2/32"));
        assertNotEquals(0, client("ping", "-c", "1", "-W", "2", "10.0.2.2").exit(), "blackholed");
        assertOk(ctl("ip", "route", "del", "blackhole", "10.0.2.2/32"));
        assertOk(client("ping", "-c", "1", "-W", "5", "10.0.2.2"));
    }

    @Test
    @Order(6)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aStatefulRulesetForForwardedAndLocalTraffic() throws Exception {
        // FORWARD and INPUT policy DROP: new connections only from the client side; replies (and the
        // appliance's own echo replies, tracked at OUTPUT) pass as ESTABLISHED.
        assertOk(ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                "ACCEPT"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-i", vF0, "-p", "tcp", "--dport", "80", "-m", "conntrack",
                "--ctstate", "NEW", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-A", "INPUT", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-A", "INPUT", "-i", vF0, "-p", "icmp", "--icmp-type", "echo-request", "-j",
                "ACCEPT"));
        assertOk(ctl("iptables", "-P", "FORWARD", "DROP"));
        assertOk(ctl("iptables", "-P", "INPUT", "DROP"));
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(PAGE, curl("10.0.2.2").out(), "stateful curl " + i);
            }
            assertOk(client("ping", "-c", "1", "-W", "5", "10.0.1.1"));
            assertNotEquals(0, client("ping", "-c", "1", "-W", "2", "10.0.2.2").exit(), "ping through is not allowed");
            assertNotEquals(0, server("ping", "-c", "1", "-W", "2", "10.0.2.1").exit(),
                    "INPUT only from the client side");
            String listed = ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
            assertTrue(packets(listed, "ACCEPT") >= 6, "replies matched ESTABLISHED: " + listed);
            String ct = ctl("conntrack", "-L", "-p", "tcp").out();
            assertTrue(ct.contains("dport=80") && ct.contains("src=10.0.1.2"), ct);
        } finally {
            assertOk(ctl("iptables", "-P", "FORWARD", "ACCEPT"));
            assertOk(ctl("iptables", "-P", "INPUT", "ACCEPT"));
            assertOk(ctl("iptables", "-F", "FORWARD"));
            assertOk(ctl("iptables", "-F", "INPUT"));
        }
    }

    @Test
    @Order(7)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void configAdminChangesAddressesWithoutRestartingCapture() throws Exception {
        // FileInstall turns deploy/PID.cfg into the ConfigAdmin configuration of pid org.pkttables.io.router.
        Files.writeString(home.resolve("deploy").resolve("org.pkttables.io.router.cfg"), String.join("\n",
                "ports = " + vF0 + "," + vF1,
                "addresses = 10.0.1.1/24 dev " + vF0 + ", fd00:1::1/64 dev " + vF0 + ", 10.0.2.1/24 dev " + vF1
                        + ", fd00:2::1/64 dev " + vF1 + ", 10.0.1.254/24 dev " + vF0,
                "routes = blackhole 10.0.2.99/32",
                ""));
        waitFor("the new address 10.0.1.254 to answer", () -> client("ping", "-c", "1", "-W", "1", "10.0.1.254")
                .exit() == 0, 20);
        assertTrue(ctl("ip", "route", "show").out().contains("blackhole 10.0.2.99"), ctl("ip", "route").out());
        assertOk(client("ping", "-c", "1", "-W", "5", "10.0.2.2"));
        assertEquals(PAGE, curl("[fd00:2::2]").out());
        assertTrue(!log("appliance").contains("stopped routing"), "capture was not restarted: " + log("appliance"));
    }

    @Test
    @Order(8)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void oneModeAtATime() throws Exception {
        Proc.Result shown = ctl("mode");
        assertOk(shown);
        assertTrue(shown.out().contains("router: " + vF0 + ", " + vF1) && shown.out().contains("no bridge"),
                shown.out());
        Proc.Result bridge = ctl("mode", "bridge", vF0 + "," + vF1);
        assertEquals(1, bridge.exit(), bridge.out() + bridge.err());
        assertTrue(bridge.err().contains("router mode is running"), bridge.err());
        assertOk(client("ping", "-c", "1", "-W", "5", "10.0.2.2"));
    }

    // ---- helpers ----

    private Proc.Result curl(String host) throws Exception {
        return client("curl", "-s", "-g", "-m", "4", "http://" + host + ":80/index.html");
    }

    private Proc.Result client(String... cmd) throws Exception {
        return Lab.inNs(nsC, cmd);
    }

    private Proc.Result server(String... cmd) throws Exception {
        return Lab.inNs(nsS, cmd);
    }

    private Proc.Result ctl(String... args) throws Exception {
        return Lab.ctl(home, args);
    }

    private void host(String ns, String dev, String v4, String v6) throws Exception {
        sh("ip", "-n", ns, "addr", "add", v4, "dev", dev);
        sh("ip", "-n", ns, "addr", "add", v6, "dev", dev, "nodad");
        sh("ip", "-n", ns, "link", "set", dev, "up");
    }

    private Process background(String name, String... cmd) throws IOException {
        return Lab.background(home, processes, name, cmd);
    }

    private String log(String name) throws IOException {
        return Lab.log(home, name);
    }

    /** Sum of column {@code col} (0-based) over the port rows of the `ports` table. */
    private long column(String table, int col) {
        long s = 0;
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if ((f[0].equals(vF0) || f[0].equals(vF1)) && f.length > col) {
                s += Long.parseLong(f[col]);
            }
        }
        return s;
    }

    /** The packet counter of the first rule with {@code target} in an `iptables -L -v -n -x` listing. */
    private static long packets(String listing, String target) {
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 2 && f[0].matches("[0-9]+") && f[2].equals(target)) {
                return Long.parseLong(f[0]);
            }
        }
        return -1;
    }
}
