package org.pkttables.e2e;

import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.sh0;
import static org.pkttables.e2e.Lab.uid;
import static org.pkttables.e2e.Lab.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Bridge mode on real interfaces: three network namespaces made here, client -- veth -- appliance
 * (two bridge ports, no addresses) -- veth -- server, with the kernel's DEFAULT veth offloads on the
 * end hosts (partial checksums, TSO super-frames). The appliance runs as an operator starts it,
 * {@code ip netns exec NS bin/pkttables run --bridge P0,P1}, and is driven with {@code ctl}. Real
 * clients: ping, curl to python's http.server, a bulk TCP transfer (iperf3, else a python socket
 * pair), IPv4 and IPv6; a FORWARD DROP rule stops curl, counts, and deleting it restores traffic.
 * Everything made here is removed at the end, also when a test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BridgeNetnsIT {
    private static final Path ROOT = Proc.ROOT;

    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pkte" + id + "c";
    private final String nsF = "pkte" + id + "f";
    private final String nsS = "pkte" + id + "s";
    private final String vC = "pk" + id + "c0";
    private final String vF0 = "pk" + id + "f0";
    private final String vF1 = "pk" + id + "f1";
    private final String vS = "pk" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;
    private Process appliance;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "BridgeNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
        Lab.assumeInstalled("BridgeNetnsIT", "libpcap0.8");
        assumeTrue(onPath("ip"), "BridgeNetnsIT needs iproute2 (`ip`): not installed, skipped");
        for (String tool : List.of("ping", "curl", "python3")) {
            assumeTrue(onPath(tool), "BridgeNetnsIT needs `" + tool + "`: not installed, skipped");
        }
        home = Files.createTempDirectory("pkt-e2e-bridge");
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        // The appliance's ports carry no addresses, not even IPv6 link-local ones.
        Lab.noIpv6(nsF);
        address(nsC, vC, "10.77.0.1/24", "fd77::1/64");
        address(nsS, vS, "10.77.0.2/24", "fd77::2/64");
        for (String[] l : new String[][] {{nsC, vC}, {nsS, vS}, {nsF, vF0}, {nsF, vF1}}) {
            sh("ip", "-n", l[0], "link", "set", l[1], "up");
        }
        // One worker: it runs on the capture thread (no hand-off); ConntrackNetnsIT runs the default two
        // workers behind per-port capture threads, so both paths of io are tested end to end.
        appliance = background("appliance", "ip", "netns", "exec", nsF, ROOT.resolve("bin/pkttables").toString(),
                "run", "--bridge", vF0 + "," + vF1, "--workers", "1", "--socket", home.resolve("ctl.sock").toString(), "--state",
                home.resolve("state").toString(), "--deploy", home.resolve("deploy").toString());
        long end = System.currentTimeMillis() + 90_000;
        String ports = "";
        while (System.currentTimeMillis() < end) {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + log("appliance"));
            Proc.Result r = ctl("ports");
            ports = r.out() + r.err();
            if (r.exit() == 0 && r.out().startsWith("bridge: 2 ports")) {
                break;
            }
            Thread.sleep(300);
        }
        assertTrue(ports.startsWith("bridge: 2 ports"), "the bridge did not come up: " + ports + "\n"
                + log("appliance"));
        assertTrue(log("appliance").contains("bridge: port " + vF0), "attach is logged: " + log("appliance"));
        background("http", "ip", "netns", "exec", nsS, "python3", "-m", "http.server", "80", "--bind", "::",
                "--directory", home.toString());
        Files.writeString(home.resolve("index.html"), "pkttables bridge e2e\n");
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
    void pingAndCurlPassOverIpv4AndIpv6() throws Exception {
        assertOk(client("ping", "-c", "3", "-i", "0.2", "-w", "15", "10.77.0.2"));
        assertOk(client("ping", "-c", "3", "-i", "0.2", "-w", "15", "fd77::2"));
        assertEquals("pkttables bridge e2e\n", curl("10.77.0.2").out());
        assertEquals("pkttables bridge e2e\n", curl("[fd77::2]").out());
        String workers = ctl("workers").out();
        assertTrue(workers.contains("arp"), workers);
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void bulkTcpGoesThroughWithDefaultOffloadsOnTheEndHosts() throws Exception {
        if (onPath("ethtool")) {
            String offloads = sh("ip", "netns", "exec", nsC, "ethtool", "-k", vC).out();
            assertTrue(offloads.contains("tcp-segmentation-offload: on"), "the client's veth keeps TSO on: " + offloads);
        }
        long bytes;
        if (onPath("iperf3")) {
            background("iperf3", "ip", "netns", "exec", nsS, "iperf3", "-s");
            waitFor("iperf3 to listen", () -> sh0("ip", "netns", "exec", nsS, "python3", "-c",
                    "import socket; socket.create_connection(('10.77.0.2', 5201), 1).close()").exit() == 0);
            Proc.Result r = client("timeout", "40", "iperf3", "-c", "10.77.0.2", "-t", "3");
            assertOk(r);
            Matcher m = Pattern.compile("([0-9.]+) (K|M|G)Bytes\\s+[0-9.]+ [KMG]?bits/sec\\s+receiver").matcher(r.out());
            assertTrue(m.find(), r.out());
            double scale = m.group(2).equals("K") ? 1e3 : m.group(2).equals("M") ? 1e6 : 1e9;
            bytes = (long) (Double.parseDouble(m.group(1)) * scale);
        } else {
            background("sink", "ip", "netns", "exec", nsS, "python3", "-c", "import socket\n"
                    + "s=socket.create_server(('0.0.0.0',5201));c,_=s.accept();n=0\n"
                    + "while True:\n d=c.recv(1<<16)\n if not d: break\n n+=len(d)\n"
                    + "c.sendall(str(n).encode());c.close()");
            Thread.sleep(500);
            Proc.Result r = client("timeout", "40", "python3", "-c", "import socket\n"
                    + "c=socket.create_connection(('10.77.0.2',5201),5);b=bytes(1<<16)\n"
                    + "for _ in range(3200): c.sendall(b)\n"
                    + "c.shutdown(socket.SHUT_WR);print(c.recv(64).decode())");
            assertOk(r);
            bytes = Long.parseLong(r.out().trim());
            assertEquals(3200L << 16, bytes);
        }
        assertTrue(bytes > 50_000_000L, "at least 50 MB went through, got " + bytes);
        String workers = ctl("workers").out();
        // The end hosts' offloads are on: frames arrive with partial checksums and as TSO super-frames.
        assertTrue(sum(workers, 8) + sum(workers, 9) > 0, "partial checksums completed or super-frames segmented: "
                + workers);
        String ports = ctl("ports").out();
        assertEquals(0, sum(ports, 7), "no tx errors: " + ports);
    }

    @Test
    @Order(3)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aForwardDropRuleAddedThroughCtlStopsCurlCountsAndGoesAway() throws Exception {
        assertOk(ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        Proc.Result blocked = curl("10.77.0.2");
        assertNotEquals(0, blocked.exit(), "curl must fail while the rule is there");
        String listed = ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
        assertTrue(packets(listed, "DROP") > 0, "the DROP rule counted the SYNs: " + listed);
        assertEquals("pkttables bridge e2e\n", curl("[fd77::2]").out(), "IPv6 is not affected by iptables");
        assertOk(ctl("iptables", "-D", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertEquals("pkttables bridge e2e\n", curl("10.77.0.2").out(), "traffic restored");
        assertOk(client("ping", "-c", "2", "-i", "0.2", "-w", "10", "10.77.0.2"));
    }

    @Test
    @Order(4)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anIp6tablesDropRuleStopsIpv6Only() throws Exception {
        assertOk(ctl("ip6tables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertNotEquals(0, curl("[fd77::2]").exit(), "IPv6 curl must fail while the rule is there");
        assertEquals("pkttables bridge e2e\n", curl("10.77.0.2").out(), "IPv4 is not affected by ip6tables");
        String listed = ctl("ip6tables", "-L", "FORWARD", "-v", "-n", "-x").out();
        assertTrue(packets(listed, "DROP") > 0, listed);
        assertOk(ctl("ip6tables", "-D", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertEquals("pkttables bridge e2e\n", curl("[fd77::2]").out());
        assertOk(client("ping", "-c", "2", "-i", "0.2", "-w", "10", "fd77::2"));
        String ports = ctl("ports").out();
        assertTrue(ports.contains(vF0) && ports.contains(vF1), ports);
    }

    @Test
    @Order(5)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aStatefulRulesetLetsRepliesBackBecauseBothDirectionsMeetOnOneWorker() throws Exception {
        // Policy DROP; only new connections from the client side and what belongs to them pass. The
        // replies come in on the other port: connection tracking finds them only if the flow hash sent
        // both directions to the same worker.
        assertOk(ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                "ACCEPT"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-i", vF0, "-p", "tcp", "--dport", "80", "-m", "conntrack",
                "--ctstate", "NEW", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-P", "FORWARD", "DROP"));
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals("pkttables bridge e2e\n", curl("10.77.0.2").out(), "stateful curl " + i);
            }
            assertNotEquals(0, client("ping", "-c", "1", "-W", "2", "10.77.0.2").exit(), "ping is not allowed");
            String listed = ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
            assertTrue(packets(listed, "ACCEPT") >= 10, "replies matched ESTABLISHED: " + listed);
        } finally {
            assertOk(ctl("iptables", "-P", "FORWARD", "ACCEPT"));
            assertOk(ctl("iptables", "-F", "FORWARD"));
        }
    }

    // ---- helpers ----

    private Proc.Result curl(String host) throws Exception {
        return client("curl", "-s", "-g", "-m", "4", "http://" + host + ":80/index.html");
    }

    private Proc.Result client(String... cmd) throws Exception {
        return Lab.inNs(nsC, cmd);
    }

    private Proc.Result ctl(String... args) throws Exception {
        return Lab.ctl(home, args);
    }

    private void address(String ns, String dev, String v4, String v6) throws Exception {
        sh("ip", "-n", ns, "addr", "add", v4, "dev", dev);
        sh("ip", "-n", ns, "addr", "add", v6, "dev", dev, "nodad");
    }

    private Process background(String name, String... cmd) throws IOException {
        return Lab.background(home, processes, name, cmd);
    }

    private String log(String name) throws IOException {
        return Lab.log(home, name);
    }

    /** Sum of column {@code col} (0-based) over the numeric rows of a ports/workers table. */
    private static long sum(String table, int col) {
        long s = 0;
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > col && f[col].matches("[0-9]+") && f[f.length - 1].matches("[0-9]+")
                    && !line.startsWith("bridge:")) {
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
