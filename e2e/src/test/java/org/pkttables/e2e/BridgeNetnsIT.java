package org.pkttables.e2e;

import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Readings.packets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    @RegisterExtension
    // The appliance's default worker count, as `run --bridge IF1,IF2' gives it (one worker on the capture
    // thread on up to two cores); ConntrackNetnsIT runs two workers behind per-port capture threads, so
    // both paths of io are tested end to end.
    static final Lab LAB = Lab.bridge().client("10.77.0.1/24", "fd77::1/64").server("10.77.0.2/24", "fd77::2/64")
            .needs("ping", "curl", "python3");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        String log = LAB.appliance().log();
        assertTrue(log.contains("bridge: port " + LAB.port(0)), "attach is logged: " + log);
        // The appliance picks its worker count from the cores and the two ports, and says so.
        int cores = Runtime.getRuntime().availableProcessors();
        String why = "(default for " + cores + (cores == 1 ? " core" : " cores") + ", 2 ports)";
        String workers = LAB.ctl("workers").out();
        assertTrue(workers.contains(why), why + " in: " + workers);
        if (cores <= 2) {
            assertTrue(workers.contains("workers: 1 " + why + ", run on the capture thread"), workers);
            assertTrue(LAB.ctl("mode").out().contains("(1 worker: default for "), LAB.ctl("mode").out());
        }
        Files.writeString(LAB.home().resolve("index.html"), "pkttables bridge e2e\n");
        LAB.httpServer("::", 80);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pingAndCurlPassOverIpv4AndIpv6() throws Exception {
        assertOk(LAB.inClient("ping", "-c", "3", "-i", "0.2", "-w", "15", "10.77.0.2"));
        assertOk(LAB.inClient("ping", "-c", "3", "-i", "0.2", "-w", "15", "fd77::2"));
        assertEquals("pkttables bridge e2e\n", curl("10.77.0.2").out());
        assertEquals("pkttables bridge e2e\n", curl("[fd77::2]").out());
        String workers = LAB.ctl("workers").out();
        assertTrue(workers.contains("arp"), workers);
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void bulkTcpGoesThroughWithDefaultOffloadsOnTheEndHosts() throws Exception {
        if (onPath("ethtool")) {
            String offloads = sh("ip", "netns", "exec", LAB.clientNs(), "ethtool", "-k", LAB.clientDev()).out();
            assertTrue(offloads.contains("tcp-segmentation-offload: on"), "the client's veth keeps TSO on: " + offloads);
        }
        long bytes;
        if (onPath("iperf3")) {
            LAB.background("iperf3", LAB.serverNs(), "iperf3", "-s");
            Lab.awaitListening("iperf3", LAB.serverNs(), "10.77.0.2", 5201);
            Proc.Result r = LAB.inClient("timeout", "40", "iperf3", "-c", "10.77.0.2", "-t", "3");
            assertOk(r);
            bytes = (long) Readings.iperfReceived(r.out());
        } else {
            LAB.background("sink", LAB.serverNs(), "python3", "-c", "import socket\n"
                    + "s=socket.create_server(('0.0.0.0',5201));c,_=s.accept();n=0\n"
                    + "while True:\n d=c.recv(1<<16)\n if not d: break\n n+=len(d)\n"
                    + "c.sendall(str(n).encode());c.close()");
            Thread.sleep(500);
            Proc.Result r = LAB.inClient("timeout", "40", "python3", "-c", "import socket\n"
                    + "c=socket.create_connection(('10.77.0.2',5201),5);b=bytes(1<<16)\n"
                    + "for _ in range(3200): c.sendall(b)\n"
                    + "c.shutdown(socket.SHUT_WR);print(c.recv(64).decode())");
            assertOk(r);
            bytes = Long.parseLong(r.out().trim());
            assertEquals(3200L << 16, bytes);
        }
        assertTrue(bytes > 50_000_000L, "at least 50 MB went through, got " + bytes);
        String workers = LAB.ctl("workers").out();
        // The end hosts' offloads are on: frames arrive with partial checksums and as TSO super-frames.
        assertTrue(sum(workers, 8) + sum(workers, 9) > 0, "partial checksums completed or super-frames segmented: "
                + workers);
        String ports = LAB.ctl("ports").out();
        assertEquals(0, sum(ports, 7), "no tx errors: " + ports);
    }

    @Test
    @Order(3)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aForwardDropRuleAddedThroughCtlStopsCurlCountsAndGoesAway() throws Exception {
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        Proc.Result blocked = curl("10.77.0.2");
        assertNotEquals(0, blocked.exit(), "curl must fail while the rule is there");
        String listed = LAB.ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
        assertTrue(packets(listed, "DROP") > 0, "the DROP rule counted the SYNs: " + listed);
        assertEquals("pkttables bridge e2e\n", curl("[fd77::2]").out(), "IPv6 is not affected by iptables");
        assertOk(LAB.ctl("iptables", "-D", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertEquals("pkttables bridge e2e\n", curl("10.77.0.2").out(), "traffic restored");
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-w", "10", "10.77.0.2"));
    }

    @Test
    @Order(4)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void anIp6tablesDropRuleStopsIpv6Only() throws Exception {
        assertOk(LAB.ctl("ip6tables", "-A", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertNotEquals(0, curl("[fd77::2]").exit(), "IPv6 curl must fail while the rule is there");
        assertEquals("pkttables bridge e2e\n", curl("10.77.0.2").out(), "IPv4 is not affected by ip6tables");
        String listed = LAB.ctl("ip6tables", "-L", "FORWARD", "-v", "-n", "-x").out();
        assertTrue(packets(listed, "DROP") > 0, listed);
        assertOk(LAB.ctl("ip6tables", "-D", "FORWARD", "-p", "tcp", "--dport", "80", "-j", "DROP"));
        assertEquals("pkttables bridge e2e\n", curl("[fd77::2]").out());
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-w", "10", "fd77::2"));
        String ports = LAB.ctl("ports").out();
        assertTrue(ports.contains(LAB.port(0)) && ports.contains(LAB.port(1)), ports);
    }

    @Test
    @Order(5)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aStatefulRulesetLetsRepliesBackBecauseBothDirectionsMeetOnOneWorker() throws Exception {
        // Policy DROP; only new connections from the client side and what belongs to them pass. The
        // replies come in on the other port: connection tracking finds them only if the flow hash sent
        // both directions to the same worker.
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-i", LAB.port(0), "-p", "tcp", "--dport", "80", "-m", "conntrack",
                "--ctstate", "NEW", "-j", "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-P", "FORWARD", "DROP"));
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals("pkttables bridge e2e\n", curl("10.77.0.2").out(), "stateful curl " + i);
            }
            assertNotEquals(0, LAB.inClient("ping", "-c", "1", "-W", "2", "10.77.0.2").exit(), "ping is not allowed");
            String listed = LAB.ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
            assertTrue(packets(listed, "ACCEPT") >= 10, "replies matched ESTABLISHED: " + listed);
        } finally {
            assertOk(LAB.ctl("iptables", "-P", "FORWARD", "ACCEPT"));
            assertOk(LAB.ctl("iptables", "-F", "FORWARD"));
        }
    }

    @Test
    @Order(6)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aTcpTransferWithGroOnTheEndHostsArrivesIntactAndIsCountedPerSuperFrame() throws Exception {
        assumeTrue(onPath("ethtool"), "needs ethtool to turn the end hosts' offloads on");
        // The end hosts with every offload on (TSO/GSO out, GRO in): super-frames both ways, and the
        // appliance's ports merge the MTU-sized ones again (GRO) when it sends super-frames whole (GSO).
        String on = "tx on rx on tso on gso on gro on";
        assertOk(sh(("ip netns exec " + LAB.clientNs() + " ethtool -K " + LAB.clientDev() + " " + on).split(" ")));
        assertOk(sh(("ip netns exec " + LAB.serverNs() + " ethtool -K " + LAB.serverDev() + " " + on).split(" ")));
        byte[] data = new byte[24 << 20];
        new Random(17).nextBytes(data);
        Files.write(LAB.home().resolve("big.bin"), data);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        // Counted by connection tracking's state, in both directions.
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--sport", "80", "-m", "conntrack", "--ctstate",
                "ESTABLISHED", "-j", "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "5300", "-m", "conntrack", "--ctstate",
                "ESTABLISHED", "-j", "ACCEPT"));
        try {
            Proc.Result down = LAB.inClient("sh", "-c", "curl -s -f -m 60 http://10.77.0.2:80/big.bin | sha256sum");
            assertOk(down);
            assertEquals(sha, down.out().trim().split("\\s+")[0], "server to client: the content arrived intact");
            // Every connection gets the SHA-256 of what it sent (awaitListening's probe too).
            LAB.background("sha-sink", LAB.serverNs(), "python3", "-c", "import socket,hashlib\n"
                    + "s=socket.create_server(('0.0.0.0',5300))\n"
                    + "while True:\n c,_=s.accept();h=hashlib.sha256()\n"
                    + " while True:\n  d=c.recv(1<<16)\n  if not d: break\n  h.update(d)\n"
                    + " try:\n  c.sendall(h.hexdigest().encode())\n except OSError:\n  pass\n c.close()");
            Lab.awaitListening("the SHA-256 sink", LAB.serverNs(), "10.77.0.2", 5300);
            Proc.Result up = LAB.inClient("timeout", "60", "python3", "-c", "import socket,sys\n"
                    + "c=socket.create_connection(('10.77.0.2',5300),5)\n"
                    + "c.sendall(open(sys.argv[1],'rb').read());c.shutdown(socket.SHUT_WR)\n"
                    + "print(c.recv(128).decode())", LAB.home().resolve("big.bin").toString());
            assertOk(up);
            assertEquals(sha, up.out().trim(), "client to server: the content arrived intact");
            String listed = LAB.ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
            long[] down1 = counters(listed, "spt:80");
            long[] up1 = counters(listed, "dpt:5300");
            assertTrue(down1[1] >= data.length && up1[1] >= data.length, "every byte counted: " + listed);
            // veths take PACKET_VNET_HDR: GRO on the appliance's ports, so the rules saw super-frames, each
            // once, as the kernel's do, and they went out whole (kernel GSO).
            String log = LAB.appliance().log();
            assertTrue(log.contains("TCP super-frames go out whole"), "the attach log says GSO: " + log);
            assertTrue(down1[0] < data.length / 1448 && up1[0] < data.length / 1448,
                    "fewer packets than MTU-sized segments: " + listed);
            String json = LAB.ctl("workers", "--json").out();
            Matcher m = Pattern.compile("\"gso\"\\s*:\\s*([0-9]+)").matcher(json);
            long gso = 0;
            while (m.find()) {
                gso += Long.parseLong(m.group(1));
            }
            assertTrue(gso > 0, "super-frames sent whole (kernel GSO): " + json);
            String ports = LAB.ctl("ports").out();
            assertEquals(0, sum(ports, 7), "no tx errors: " + ports);
        } finally {
            assertOk(LAB.ctl("iptables", "-F", "FORWARD"));
        }
    }

    // ---- helpers ----

    /** Packets and bytes of the first rule in an {@code -L -v -n -x} listing whose line contains {@code text}. */
    private static long[] counters(String listing, String text) {
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (line.contains(text) && f.length > 1 && f[0].matches("[0-9]+")) {
                return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])};
            }
        }
        throw new AssertionError("no rule with " + text + " in: " + listing);
    }

    private Proc.Result curl(String host) throws Exception {
        return LAB.inClient("curl", "-s", "-g", "-m", "4", "http://" + host + ":80/index.html");
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
}
