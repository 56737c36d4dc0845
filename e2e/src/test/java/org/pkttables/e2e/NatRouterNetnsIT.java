package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * NAT in router mode on real interfaces: inside (10.0.1.2/24, default via the appliance) -- veth --
 * appliance (10.0.1.1 inside, 10.0.2.1 outside) -- veth -- outside (10.0.2.2/24)
 * with NO route back to 10.0.1.0/24, so only translated traffic can work. MASQUERADE lets the inside curl
 * a python3 http.server outside, whose log shows the appliance's outside address; a DNAT port forward lets
 * the outside curl a server inside; {@code conntrack -L} shows the translated reply tuples. The same for
 * IPv6 (NAT66): inside fd00:1::2/64, outside 2001:db8:2::2/64 with no route back, ip6tables MASQUERADE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatRouterNetnsIT {
    private static final String PAGE = "pkttables nat e2e\n";

    /** The outside (server) routes nothing via the appliance: no route back to 10.0.1.0/24, no default. */
    @RegisterExtension
    static final Lab LAB = Lab.router().client("10.0.1.2/24", "fd00:1::2/64").gateway("10.0.1.1/24", "fd00:1::1/64")
            .server("10.0.2.2/24", "2001:db8:2::2/64").gateway("10.0.2.1/24", "2001:db8:2::1/64").routes()
            .needs("curl", "python3", "ping");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void servers() throws Exception {
        Files.writeString(LAB.home().resolve("index.html"), PAGE);
        LAB.httpServer("10.0.2.2", 80);
        LAB.httpServer("2001:db8:2::2", 81);
        Path in = Files.createDirectories(LAB.home().resolve("in"));
        Files.writeString(in.resolve("index.html"), "inside\n");
        LAB.background("inside-http", LAB.clientNs(), "python3", "-m", "http.server", "8080", "--bind", "10.0.1.2",
                "--directory", in.toString());
        Lab.awaitListening("the inside HTTP server", LAB.clientNs(), "10.0.1.2", 8080);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void masqueradeTakesTheOutsidePortsAddress() throws Exception {
        assertNotEquals(0, LAB.inClient("curl", "-s", "-m", "5", "http://10.0.2.2/index.html").exit(),
                "without NAT the outside cannot answer (no route back)");
        assertOk(ctl("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", LAB.port(1), "-j", "MASQUERADE"));
        assertEquals(PAGE, LAB.inClient("curl", "-s", "-m", "5", "http://10.0.2.2/index.html").out());
        waitFor("the server to log the request", () -> LAB.log("http80").contains("GET /index.html"));
        String log = LAB.log("http80");
        assertTrue(log.contains("10.0.2.1 - - ") && !log.contains("10.0.1.2"),
                "the server saw the appliance's outside address only: " + log);
        String ct = ctl("conntrack", "-L", "-p", "tcp").out();
        assertTrue(ct.contains("src=10.0.1.2 dst=10.0.2.2") && ct.contains("src=10.0.2.2 dst=10.0.2.1"),
                "both tuples, the reply one translated: " + ct);
        String listed = ctl("iptables", "-t", "nat", "-L", "POSTROUTING", "-v", "-n", "-x").out();
        assertTrue(listed.contains("MASQUERADE"), listed);
        // ping (ICMP echo) through the same rule
        assertOk(LAB.inClient("ping", "-c", "1", "-W", "5", "10.0.2.2"));
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void dnatPortForwardFromOutsideToAnInsideServer() throws Exception {
        assertOk(ctl("iptables", "-t", "nat", "-A", "PREROUTING", "-i", LAB.port(1), "-p", "tcp", "--dport", "8080", "-j",
                "DNAT", "--to-destination", "10.0.1.2:8080"));
        assertEquals("inside\n", LAB.inServer("curl", "-s", "-m", "5", "http://10.0.2.1:8080/index.html").out());
        String ct = ctl("conntrack", "-L", "-p", "tcp", "--dport", "8080").out();
        assertTrue(ct.contains("src=10.0.2.2 dst=10.0.2.1") && ct.contains("src=10.0.1.2 dst=10.0.2.2 sport=8080"),
                "the reply tuple comes from the inside server: " + ct);
    }

    /**
     * Issue 13 acceptance 4: the NAT engine's bundle stopped and started again under a running transfer
     * through MASQUERADE (the rule of test 1). A raw socket on the outside host's interface sees every
     * packet there: none may carry the inside net's address (untranslated), and the transfer must resume and
     * deliver every byte once the engine is back.
     */
    @Test
    @Order(3)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stoppingTheNatBundleUnderATransferLeaksNothingAndTheTransferResumes() throws Exception {
        int size = 6 * 1024 * 1024;
        byte[] blob = new byte[size];
        new java.util.Random(13).nextBytes(blob);
        Files.write(LAB.home().resolve("blob.bin"), blob);
        Path capture = Files.writeString(LAB.home().resolve("capture.py"), CAPTURE);
        LAB.background("capture", LAB.serverNs(), "python3", "-u", capture.toString(), LAB.serverDev());
        waitFor("the capture to start", () -> LAB.log("capture").contains("ready"));
        Path got = LAB.home().resolve("got.bin");
        String rmem = smallReceiveBuffer();
        Process transfer = LAB.background("transfer", LAB.clientNs(), "curl", "-s", "-S", "-m", "100",
                "--limit-rate", "1M", "-o", got.toString(), "-w", "size=%{size_download}\n",
                "http://10.0.2.2/blob.bin");
        waitFor("the transfer to be under way", () -> Files.exists(got) && Files.size(got) > 256 * 1024);
        assertOk(ctl("bundle", "stop", "org.pkttables.core.nat"));
        assertTrue(ctl("lb").out().matches("(?s).*\\|Resolved +\\|org\\.pkttables\\.core\\.nat .*"),
                "core.nat is stopped: " + ctl("lb").out());
        long during = Files.size(got);
        Thread.sleep(3000);
        assertTrue(Files.size(got) - during < 256 * 1024, "little arrives while NAT is away: " + during + " -> "
                + Files.size(got));
        assertTrue(ctl("conntrack", "-L", "-p", "tcp").out().contains("dst=10.0.2.1"),
                "the binding stays in the conntrack table while the NAT engine is away");
        assertOk(ctl("bundle", "start", "org.pkttables.core.nat"));
        arrivedUnchanged(transfer, "transfer", blob, got);
        receiveBuffer(rmem);
        String seen = LAB.log("capture");
        assertTrue(seen.contains("ipv4 "), "the capture saw the transfer: " + seen);
        assertTrue(!seen.contains("inside "), "no packet with an inside (10.0.1.x) address on the outside: " + seen);
    }

    /**
     * The MASQUERADE address notifier: the outside address changed through {@code ip addr} on the control
     * socket, the connections masqueraded to the old one are flushed, and new ones take the new address.
     */
    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anOutsideAddressChangeFlushesWhatWasMasqueradedToIt() throws Exception {
        assertTrue(!ctl("conntrack", "-L", "--src-nat", "10.0.2.1").out().isEmpty(), "tests 1 and 3 left some");
        assertOk(ctl("ip", "addr", "del", "10.0.2.1/24", "dev", LAB.port(1)));
        assertOk(ctl("ip", "addr", "add", "10.0.2.3/24", "dev", LAB.port(1)));
        String left = ctl("conntrack", "-L", "--src-nat").out();
        assertEquals("", left, "no connection masqueraded to the removed address is left");
        assertEquals(PAGE, LAB.inClient("curl", "-s", "-m", "5", "http://10.0.2.2/index.html").out());
        waitFor("the server to log the request from the new address", () -> LAB.log("http80").contains("10.0.2.3 - - "));
        assertTrue(ctl("conntrack", "-L", "--src-nat", "10.0.2.3").out().contains("src=10.0.1.2 dst=10.0.2.2"));
    }

    /** Counts IPv4 packets on interface argv[1]; prints each one that carries a 10.0.1.x address. */
    private static final String CAPTURE = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(3))",
            "s.bind((sys.argv[1], 0))",
            "print('ready')",
            "n = 0",
            "while True:",
            "    p = s.recv(65535)",
            "    if len(p) < 34 or p[12:14] != b'\\x08\\x00':",
            "        continue",
            "    n += 1",
            "    if p[26:29] == bytes([10, 0, 1]) or p[30:33] == bytes([10, 0, 1]):",
            "        print('inside', socket.inet_ntoa(p[26:30]), '->', socket.inet_ntoa(p[30:34]))",
            "    if n % 200 == 1:",
            "        print('ipv4', n)",
            "");

    @Test
    @Order(5)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ipv6MasqueradeTakesTheOutsidePortsAddress() throws Exception {
        String url = "http://[2001:db8:2::2]:81/index.html";
        assertNotEquals(0, LAB.inClient("curl", "-6", "-s", "-m", "5", url).exit(),
                "without NAT66 the outside cannot answer (no route back)");
        assertOk(ctl("ip6tables", "-t", "nat", "-A", "POSTROUTING", "-o", LAB.port(1), "-j", "MASQUERADE"));
        assertEquals(PAGE, LAB.inClient("curl", "-6", "-s", "-m", "5", url).out());
        waitFor("the server to log the request", () -> LAB.log("http81").contains("GET /index.html"));
        String log = LAB.log("http81");
        assertTrue(log.contains("2001:db8:2::1 - - ") && !log.contains("fd00:1::2"),
                "the server saw the appliance's outside address only: " + log);
        String listed = ctl("ip6tables", "-t", "nat", "-S", "POSTROUTING").out();
        assertTrue(listed.contains("-A POSTROUTING -o " + LAB.port(1) + " -j MASQUERADE"), listed);
        // ping -6 (ICMPv6 echo) through the same rule
        assertOk(LAB.inClient("ping", "-6", "-c", "1", "-W", "5", "2001:db8:2::2"));
    }

    /**
     * NAT66 is a bundle of its own: core.nat66 stopped under a running IPv6 transfer through the ip6tables
     * MASQUERADE of test 5 (the 6 MiB file of test 3, rate-limited), while core.nat stays active. A raw socket
     * on the outside host's interface sees every IPv6 packet there: none may carry the inside net's address.
     * Meanwhile a new IPv6 connection fails (its MASQUERADE target is gone: dropped), IPv4 through MASQUERADE
     * still works, and the IPv6 transfer resumes and delivers every byte once core.nat66 is back.
     */
    @Test
    @Order(6)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stoppingNat66AloneFailsIpv6ClosedWhileIpv4KeepsTranslating() throws Exception {
        byte[] blob = Files.readAllBytes(LAB.home().resolve("blob.bin"));
        Path capture = Files.writeString(LAB.home().resolve("capture6.py"), CAPTURE6);
        LAB.background("capture6", LAB.serverNs(), "python3", "-u", capture.toString(), LAB.serverDev());
        waitFor("the capture to start", () -> LAB.log("capture6").contains("ready"));
        Path got = LAB.home().resolve("got6.bin");
        String rmem = smallReceiveBuffer();
        Process transfer = LAB.background("transfer6", LAB.clientNs(), "curl", "-6", "-s", "-S", "-m", "100",
                "--limit-rate", "1M", "-o", got.toString(), "-w", "size=%{size_download}\n",
                "http://[2001:db8:2::2]:81/blob.bin");
        waitFor("the transfer to be under way", () -> Files.exists(got) && Files.size(got) > 256 * 1024);
        assertOk(ctl("bundle", "stop", "org.pkttables.core.nat66"));
        String lb = ctl("lb").out();
        assertTrue(lb.matches("(?s).*\\|Resolved +\\|org\\.pkttables\\.core\\.nat66 .*"),
                "core.nat66 is stopped: " + lb);
        assertTrue(lb.matches("(?s).*\\|Active +\\|org\\.pkttables\\.core\\.nat .*"), "core.nat is not: " + lb);
        long during = Files.size(got);
        assertNotEquals(0,
                LAB.inClient("curl", "-6", "-s", "-m", "3", "http://[2001:db8:2::2]:81/index.html").exit(),
                "a new IPv6 connection reaching MASQUERADE fails while NAT66 is away");
        assertEquals(PAGE, LAB.inClient("curl", "-s", "-m", "5", "http://10.0.2.2/index.html").out(),
                "IPv4 NAT keeps translating");
        Thread.sleep(1000);
        assertTrue(Files.size(got) - during < 256 * 1024, "little arrives while NAT66 is away: " + during + " -> "
                + Files.size(got));
        assertTrue(ctl("conntrack", "-L", "-f", "ipv6", "-p", "tcp").out().contains("dst=2001:db8:2::1"),
                "the IPv6 binding stays in the conntrack table while NAT66 is away");
        assertOk(ctl("bundle", "start", "org.pkttables.core.nat66"));
        arrivedUnchanged(transfer, "transfer6", blob, got);
        receiveBuffer(rmem);
        assertEquals(PAGE, LAB.inClient("curl", "-6", "-s", "-m", "5", "http://[2001:db8:2::2]:81/index.html").out(),
                "new IPv6 connections are masqueraded again");
        String seen = LAB.log("capture6");
        assertTrue(seen.contains("ipv6 "), "the capture saw the transfer: " + seen);
        assertTrue(!seen.contains("inside "), "no packet with an inside (fd00:1::) address on the outside: " + seen);
    }

    /**
     * What a file gains while NAT is away must be what crossed the appliance then, not what the client's
     * socket had buffered before: with GRO/GSO a transfer fills a receive buffer of up to tcp_rmem's 6 MiB at
     * once, whatever curl's rate. A small one in the client's namespace (a per-netns sysctl, IPv4 and IPv6
     * alike); returns the one it replaces.
     */
    private static String smallReceiveBuffer() throws Exception {
        String rmem = LAB.inClient("sysctl", "-n", "net.ipv4.tcp_rmem").out().trim();
        receiveBuffer("4096 65536 131072");
        return rmem;
    }

    private static void receiveBuffer(String rmem) throws Exception {
        LAB.inClient("sysctl", "-q", "-w", "net.ipv4.tcp_rmem=" + rmem);
    }

    /** Counts IPv6 packets on interface argv[1]; prints each one that carries an fd00:1::/64 address. */
    private static final String CAPTURE6 = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.ntohs(3))",
            "s.bind((sys.argv[1], 0))",
            "print('ready')",
            "inside = bytes.fromhex('fd00000100000000')",
            "n = 0",
            "while True:",
            "    p = s.recv(65535)",
            "    if len(p) < 54 or p[12:14] != b'\\x86\\xdd':",
            "        continue",
            "    n += 1",
            "    if p[22:30] == inside or p[38:46] == inside:",
            "        print('inside', socket.inet_ntop(socket.AF_INET6, p[22:38]), '->',",
            "              socket.inet_ntop(socket.AF_INET6, p[38:54]))",
            "    if n % 200 == 1:",
            "        print('ipv6', n)",
            "");

    /** The curl {@code transfer} (logged as {@code log}) ended well and stored {@code blob} in {@code got}. */
    private static void arrivedUnchanged(Process transfer, String log, byte[] blob, Path got) throws Exception {
        assertTrue(transfer.waitFor(100, TimeUnit.SECONDS), "the transfer ended");
        assertEquals(0, transfer.exitValue(), "curl: " + LAB.log(log));
        assertTrue(LAB.log(log).contains("size=" + blob.length), LAB.log(log));
        assertTrue(java.util.Arrays.equals(blob, Files.readAllBytes(got)), "the bytes arrived unchanged");
    }

    private Proc.Result ctl(String... args) throws Exception {
        return LAB.ctl(args);
    }
}
