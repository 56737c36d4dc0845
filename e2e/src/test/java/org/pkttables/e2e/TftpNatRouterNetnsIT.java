package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
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
 * The TFTP helper with NAT on the wire (nf_nat_tftp): inside (10.0.1.2/24, default via the appliance) --
 * appliance in router mode with MASQUERADE (10.0.1.1 inside, 10.0.2.1 outside) -- outside (10.0.2.2/24, the
 * real TFTP server, tftpd-hpa's in.tftpd) with no route back to the inside, so only translated packets can
 * work. The client is tftp-hpa's {@code tftp}. {@code -t raw -j CT --helper tftp} attaches the helper to
 * requests to port 69; the firewall lets new requests from inside to port 69 through and otherwise only
 * ESTABLISHED and RELATED: the server answers from a port of its own to the masqueraded address, which only
 * the helper's expectation (carrying the NAT back to the client) lets in. A get and a put of a binary file,
 * bytes compared by SHA-256; without the helper rule, or with the helper's bundle stopped, a get fails (the
 * server's answer is not let in), and with either back it works again. A get and a put over IPv6 through
 * ip6tables MASQUERADE (NAT66): inside fd00:1::2/64, outside 2001:db8:2::2/64 with no route back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TftpNatRouterNetnsIT {
    private static final String S4 = "10.0.2.2";
    private static final String S6 = "2001:db8:2::2";
    /** 100,000 bytes: 196 blocks of 512 (the last one short). */
    private static final int SIZE = 100_000;

    @RegisterExtension
    static final Lab LAB = Lab.router().client("10.0.1.2/24", "fd00:1::2/64").gateway("10.0.1.1/24", "fd00:1::1/64")
            .server(S4 + "/24", S6 + "/64").gateway("10.0.2.1/24", "2001:db8:2::1/64").routes()
            .packages("tftpd-hpa", "tftp-hpa");

    private byte[] file;
    private byte[] upload;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        Path srv = Files.createDirectories(LAB.home().resolve("srv"));
        Files.createDirectories(LAB.home().resolve("client"));
        file = new byte[SIZE];
        new Random(69).nextBytes(file);
        upload = new byte[SIZE + 1234];
        new Random(70).nextBytes(upload);
        Files.write(srv.resolve("file.bin"), file);
        Files.write(LAB.home().resolve("client/upload.bin"), upload);
        // -L: foreground (ours to stop), -s: secure (files under srv), -c: put may create, -u root: no drop
        LAB.background("tftpd", LAB.serverNs(), "in.tftpd", "-L", "-a", S4 + ":69", "-s", "-c", "-u", "root",
                srv.toString());
        LAB.background("tftpd6", LAB.serverNs(), "in.tftpd", "-L", "-a", "[" + S6 + "]:69", "-s", "-c", "-u", "root",
                srv.toString());
        waitFor("the TFTP servers to listen", () -> {
            String ss = sh("ip", "netns", "exec", LAB.serverNs(), "ss", "-uln").out();
            return ss.contains(S4 + ":69") && ss.contains("[" + S6 + "]:69");
        }, 30);

        for (String tool : new String[] { "iptables", "ip6tables" }) {
            assertOk(LAB.ctl(tool, "-t", "raw", "-A", "PREROUTING", "-p", "udp", "--dport", "69", "-j", "CT",
                    "--helper", "tftp"));
            assertOk(LAB.ctl(tool, "-t", "nat", "-A", "POSTROUTING", "-o", LAB.port(1), "-j", "MASQUERADE"));
            assertOk(LAB.ctl(tool, "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED", "-j", "ACCEPT"));
            assertOk(LAB.ctl(tool, "-A", "FORWARD", "-m", "conntrack", "--ctstate", "RELATED", "-m", "helper",
                    "--helper", "tftp", "-j", "ACCEPT"));
            assertOk(LAB.ctl(tool, "-A", "FORWARD", "-i", LAB.port(0), "-p", "udp", "--dport", "69", "-m",
                    "conntrack", "--ctstate", "NEW", "-j", "ACCEPT"));
            assertOk(LAB.ctl(tool, "-P", "FORWARD", "DROP"));
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void getThroughMasquerade() throws Exception {
        long before = relatedCount("iptables");
        assertEquals(sha256(file), sha256(get(S4, "got.bin", 30)), "tftp get: the bytes arrived unchanged");
        assertTrue(relatedCount("iptables") > before, "the server's first DATA went through the RELATED rule");
        // the transfer: the server's new port to the masqueraded address, translated back to the client
        String ct = LAB.ctl("conntrack", "-L", "-p", "udp").out();
        assertTrue(ct.lines().anyMatch(l -> l.contains("src=10.0.1.2 dst=10.0.2.2 ") && l.contains("dport=69 ")
                && l.contains("[UNREPLIED] src=10.0.2.2 dst=10.0.2.1 sport=69 ")),
                "the request, masqueraded (never answered from port 69): " + ct);
        assertTrue(ct.lines().anyMatch(l -> !l.contains("dport=69 ") && l.contains("src=10.0.2.2 dst=10.0.2.1 ")
                && l.indexOf("src=10.0.2.2 dst=10.0.2.1 ") < l.indexOf("src=10.0.1.2 dst=10.0.2.2 ")),
                "the transfer: opened by the server towards the masqueraded address, its reply tuple from the"
                        + " client's real address: " + ct);
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void putThroughMasquerade() throws Exception {
        long before = relatedCount("iptables");
        Proc.Result r = LAB.inClient("timeout", "30", "tftp", "-m", "octet", S4, "-c", "put",
                LAB.home().resolve("client/upload.bin").toString(), "up.bin");
        assertOk(r);
        Path up = LAB.home().resolve("srv/up.bin");
        assertTrue(Files.exists(up), "tftp put: " + r.out() + r.err());
        assertEquals(sha256(upload), sha256(Files.readAllBytes(up)), "tftp put: the bytes arrived unchanged");
        assertTrue(relatedCount("iptables") > before, "the server's ACK 0 went through the RELATED rule");
    }

    @Test
    @Order(3)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void withoutTheHelperRuleTheTransferFails() throws Exception {
        helperRule("-D");
        try {
            byte[] got = get(S4, "nohelper.bin", 8);
            assertFalse(sha256(file).equals(sha256(got)), "without the helper the server's answer must not get in");
        } finally {
            helperRule("-A");
        }
        assertEquals(sha256(file), sha256(get(S4, "again.bin", 30)), "with the helper back, transfers work again");
    }

    /**
     * The helper's bundle stopped: a request still passes (the CT rule stays, with no helper to attach), but
     * nothing expects the server's answer to the masqueraded address, so it never reaches the client (fails
     * closed: no expectation, nothing RELATED); started again, transfers work again.
     */
    @Test
    @Order(4)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void withTheHelperBundleStoppedTheTransferFailsClosed() throws Exception {
        assertOk(LAB.ctl("bundle", "stop", "org.pkttables.helper.tftp"));
        try {
            String lb = LAB.ctl("lb").out();
            assertTrue(lb.matches("(?s).*\\|Resolved +\\|org\\.pkttables\\.helper\\.tftp .*"), "stopped: " + lb);
            long before = relatedCount("iptables");
            byte[] got = get(S4, "stopped.bin", 8);
            assertFalse(sha256(file).equals(sha256(got)), "without the helper bundle the answer must not get in");
            assertEquals(before, relatedCount("iptables"), "nothing passed as RELATED");
        } finally {
            assertOk(LAB.ctl("bundle", "start", "org.pkttables.helper.tftp"));
        }
        assertEquals(sha256(file), sha256(get(S4, "restarted.bin", 30)), "with the helper back, transfers work again");
    }

    /** The same through NAT66 (ip6tables MASQUERADE): the helper's expectation is the translated reply tuple. */
    @Test
    @Order(5)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void ipv6GetAndPutThroughNat66() throws Exception {
        long before = relatedCount("ip6tables");
        assertEquals(sha256(file), sha256(get(S6, "got6.bin", 30)), "tftp get over IPv6: the bytes arrived unchanged");
        Proc.Result r = LAB.inClient("timeout", "30", "tftp", "-m", "octet", S6, "-c", "put",
                LAB.home().resolve("client/upload.bin").toString(), "up6.bin");
        assertOk(r);
        Path up = LAB.home().resolve("srv/up6.bin");
        assertTrue(Files.exists(up), "tftp put over IPv6: " + r.out() + r.err());
        assertEquals(sha256(upload), sha256(Files.readAllBytes(up)), "tftp put over IPv6: the bytes arrived unchanged");
        assertTrue(relatedCount("ip6tables") >= before + 2, "both answers went through the RELATED rule");
        String ct = LAB.ctl("conntrack", "-L", "-f", "ipv6", "-p", "udp").out();
        assertTrue(ct.lines().anyMatch(l -> !l.contains("dport=69 ") && l.contains("src=2001:db8:2::2 dst=2001:db8:2::1 ")
                && l.indexOf("src=2001:db8:2::2 dst=2001:db8:2::1 ") < l.indexOf("src=fd00:1::2 dst=2001:db8:2::2 ")),
                "the transfers: from the server to the masqueraded address, translated to the client: " + ct);
    }

    /** {@code tftp -c get file.bin} from {@code server} into client/NAME, given at most {@code seconds}; what arrived (empty: nothing). */
    private byte[] get(String server, String name, int seconds) throws Exception {
        Path out = LAB.home().resolve("client").resolve(name);
        LAB.inClient("timeout", String.valueOf(seconds), "tftp", "-m", "octet", server, "-c", "get", "file.bin",
                out.toString());
        // tftp-hpa exits 0 even after an error: the file's content is what counts
        return Files.exists(out) ? Files.readAllBytes(out) : new byte[0];
    }

    /** Packets counted by the RELATED/helper rule (rule 2 of FORWARD). */
    private long relatedCount(String tool) throws Exception {
        return Readings.rulePackets(LAB, tool, "filter", "FORWARD", 2);
    }

    /** Adds ({@code -A}) or deletes ({@code -D}) the IPv4 raw rule that attaches the tftp helper. */
    private void helperRule(String op) throws Exception {
        assertOk(LAB.ctl("iptables", "-t", "raw", op, "PREROUTING", "-p", "udp", "--dport", "69", "-j", "CT",
                "--helper", "tftp"));
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
