package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fragmented datagrams through a stateful, masquerading router (issue 13's fragments): inside
 * (10.0.1.2/24, fd00:1::2/64) -- veth (MTU 1500) -- appliance -- veth (MTU 1500) -- outside (10.0.2.2/24,
 * 2001:db8:2::2/64) with no route back, so only translated answers arrive. FORWARD policy DROP,
 * ESTABLISHED,RELATED accepted, new UDP to port 5353 and echo requests from the inside accepted,
 * MASQUERADE on the outside port, and a {@code -f -j DROP} rule first. A python3 UDP server outside answers
 * a request with a 4000-byte datagram (the outside kernel sends it as three fragments), {@code ping -s 3000}
 * sends fragmented echo requests and gets fragmented replies: as through a kernel router with the same
 * rules, the appliance reassembles before conntrack (so ESTABLISHED matches the later fragments and NAT
 * translates them, and {@code -f} never matches), then fragments the datagram again on the way out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DefragRouterNetnsIT {
    static final int ANSWER = 4000;

    @RegisterExtension
    static final Lab LAB = Lab.router().client("10.0.1.2/24", "fd00:1::2/64").gateway("10.0.1.1/24", "fd00:1::1/64")
            .server("10.0.2.2/24", "2001:db8:2::2/64").gateway("10.0.2.1/24", "2001:db8:2::1/64").routes()
            .needs("python3", "ping");

    /** Answers a request of a decimal length N with N bytes i % 251, and logs the request's source. */
    static final String SERVER = String.join("\n",
            "import socket, sys",
            "fam = socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET",
            "s = socket.socket(fam, socket.SOCK_DGRAM)",
            "s.bind((sys.argv[1], int(sys.argv[2])))",
            "print('ready', flush=True)",
            "while True:",
            "    d, a = s.recvfrom(2048)",
            "    n = int(d.decode())",
            "    s.sendto(bytes(i % 251 for i in range(n)), a)",
            "    print('from', a[0], n, flush=True)", "");

    /** Asks for N bytes; exit 0 and "ok N" when all N arrived intact within 5 s. */
    static final String CLIENT = String.join("\n",
            "import socket, sys",
            "fam = socket.AF_INET6 if ':' in sys.argv[1] else socket.AF_INET",
            "s = socket.socket(fam, socket.SOCK_DGRAM)",
            "s.settimeout(5)",
            "n = int(sys.argv[3])",
            "s.sendto(str(n).encode(), (sys.argv[1], int(sys.argv[2])))",
            "d = s.recv(65535)",
            "good = d == bytes(i % 251 for i in range(n))",
            "print('ok' if good else 'corrupt', len(d))",
            "sys.exit(0 if good else 1)", "");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void rules() throws Exception {
        Files.writeString(LAB.home().resolve("udp_server.py"), SERVER);
        Files.writeString(LAB.home().resolve("udp_client.py"), CLIENT);
        LAB.background("udp4", LAB.serverNs(), "python3", LAB.home().resolve("udp_server.py").toString(), "10.0.2.2",
                "5353");
        LAB.background("udp6", LAB.serverNs(), "python3", LAB.home().resolve("udp_server.py").toString(),
                "2001:db8:2::2", "5353");
        Lab.waitFor("the UDP servers to start", () -> LAB.log("udp4").contains("ready") && LAB.log("udp6").contains("ready"));
        String in = LAB.port(0);
        String out = LAB.port(1);
        for (String tool : new String[] { "iptables", "ip6tables" }) {
            boolean v6 = tool.equals("ip6tables");
            assertOk(ctl(tool, "-P", "FORWARD", "DROP"));
            assertOk(ctl(tool, "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"));
            assertOk(ctl(tool, "-A", "FORWARD", "-i", in, "-p", "udp", "--dport", "5353", "-m", "conntrack", "--ctstate",
                    "NEW", "-j", "ACCEPT"));
            assertOk(v6 ? ctl(tool, "-A", "FORWARD", "-i", in, "-p", "icmpv6", "--icmpv6-type", "echo-request", "-j", "ACCEPT")
                    : ctl(tool, "-A", "FORWARD", "-i", in, "-p", "icmp", "--icmp-type", "echo-request", "-j", "ACCEPT"));
            assertOk(ctl(tool, "-t", "nat", "-A", "POSTROUTING", "-o", out, "-j", "MASQUERADE"));
        }
        // iptables' -f: with conntrack loaded the kernel reassembles first, so it never matches
        assertOk(ctl("iptables", "-I", "FORWARD", "1", "-f", "-j", "DROP"));
        // small packets first, so both neighbours are known before the big ones
        assertOk(LAB.inClient("ping", "-c", "1", "-W", "5", "10.0.2.2"));
        assertOk(LAB.inClient("ping", "-6", "-c", "1", "-W", "5", "2001:db8:2::2"));
    }

    private Proc.Result ask(String server, int n) throws Exception {
        return LAB.inClient("python3", LAB.home().resolve("udp_client.py").toString(), server, "5353",
                String.valueOf(n));
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aFragmentedUdpAnswerComesBackEstablishedAndTranslated() throws Exception {
        long before = stat("IpReasmOKs");
        Proc.Result r = ask("10.0.2.2", ANSWER);
        assertEquals("ok " + ANSWER + "\n", r.out(), () -> r.err() + diagnostics("udp4"));
        assertTrue(LAB.log("udp4").contains("from 10.0.2.1 " + ANSWER),
                "the server saw the appliance's outside address: " + LAB.log("udp4"));
        assertTrue(stat("IpReasmOKs") >= before + 1, "the answer was reassembled: " + defrag());
        assertEquals(0, stat("IpReasmFails"), defrag());
        String f = ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
        assertTrue(Pattern.compile("(?m)^\\s+0\\s+0\\s+DROP\\s+\\S+\\s+-f\\s").matcher(f).find(),
                "-f never matched a reassembled datagram: " + f);
        String ct = ctl("conntrack", "-L", "-p", "udp").out();
        assertTrue(ct.contains("src=10.0.1.2 dst=10.0.2.2") && ct.contains("src=10.0.2.2 dst=10.0.2.1"), ct);
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void bigPingsBothWaysFragmented() throws Exception {
        long before = stat("IpReasmOKs");
        Proc.Result r = LAB.inClient("ping", "-c", "2", "-s", "3000", "-W", "5", "10.0.2.2");
        assertOk(r);
        assertTrue(r.out().contains("3008 bytes from 10.0.2.2"), r.out());
        // two requests and two replies, each reassembled
        assertTrue(stat("IpReasmOKs") >= before + 4, defrag());
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ipv6FragmentsAreReassembledAndFragmentedAgain() throws Exception {
        long before = stat("Ip6ReasmOKs");
        Proc.Result r = ask("2001:db8:2::2", ANSWER);
        assertEquals("ok " + ANSWER + "\n", r.out(), () -> r.err() + diagnostics("udp6"));
        assertTrue(LAB.log("udp6").contains("from 2001:db8:2::1 " + ANSWER), LAB.log("udp6"));
        Proc.Result ping = LAB.inClient("ping", "-6", "-c", "1", "-s", "3000", "-W", "5", "2001:db8:2::2");
        assertOk(ping);
        assertTrue(stat("Ip6ReasmOKs") >= before + 3, defrag());
        assertEquals(0, stat("Ip6ReasmFails"), defrag());
    }

    /** What a failed exchange leaves to look at: the server's log, the counters, the rules' counters. */
    private String diagnostics(String server) {
        try {
            return "\nserver: " + LAB.log(server) + "\ndefrag:\n" + defrag() + "conntrack:\n"
                    + ctl("conntrack", "-L").out() + "iptables:\n" + ctl("iptables-save", "-c").out() + "ip6tables:\n"
                    + ctl("ip6tables-save", "-c").out() + "workers:\n" + ctl("workers").out();
        } catch (Exception e) {
            return "\n(diagnostics failed: " + e + ")";
        }
    }

    private String defrag() throws Exception {
        Proc.Result r = ctl("conntrack-stat", "defrag");
        assertOk(r);
        return r.out();
    }

    private long stat(String name) throws Exception {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(defrag());
        assertTrue(m.find(), name + " in " + defrag());
        return Long.parseLong(m.group(1));
    }

    private Proc.Result ctl(String... args) throws Exception {
        return LAB.ctl(args);
    }
}
