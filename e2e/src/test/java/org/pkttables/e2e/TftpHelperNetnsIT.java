package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.sh;
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
 * The TFTP conntrack helper on the wire: client -- appliance (bridge mode) -- server in three network
 * namespaces, the real TFTP server (tftpd-hpa's in.tftpd) and client (tftp-hpa). The firewall lets only new
 * datagrams to port 69 in, plus RELATED transfers of the tftp helper and ESTABLISHED; {@code -t raw -j CT
 * --helper tftp} attaches the helper. A get and a put over IPv4 and a get over IPv6 work, each through the
 * RELATED rule (the server answers from a new port); without the CT rule the transfer times out.
 * Everything made here is removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TftpHelperNetnsIT {
    private static final String FILE = "pkttables tftp helper e2e\n".repeat(100); // 2,600 bytes: 6 blocks
    private static final String UPLOAD = "uploaded through the tftp helper\n".repeat(40);
    private static final String C4 = "10.78.0.1";
    private static final String S4 = "10.78.0.2";
    private static final String C6 = "fd00:78::1";
    private static final String S6 = "fd00:78::2";

    @RegisterExtension
    static final Lab LAB = Lab.bridge().client(C4 + "/24", C6 + "/64").server(S4 + "/24", S6 + "/64")
            .packages("tftpd-hpa", "tftp-hpa");

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        Path srv = Files.createDirectories(LAB.home().resolve("srv"));
        Files.createDirectories(LAB.home().resolve("client"));
        Files.writeString(srv.resolve("file.txt"), FILE);
        Files.writeString(LAB.home().resolve("client/upload.txt"), UPLOAD);
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
            assertOk(LAB.ctl(tool, "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED", "-j", "ACCEPT"));
            assertOk(LAB.ctl(tool, "-A", "FORWARD", "-m", "conntrack", "--ctstate", "RELATED", "-m", "helper",
                    "--helper", "tftp", "-j", "ACCEPT"));
            assertOk(LAB.ctl(tool, "-A", "FORWARD", "-p", "udp", "--dport", "69", "-m", "conntrack", "--ctstate",
                    "NEW", "-j", "ACCEPT"));
            assertOk(LAB.ctl(tool, "-P", "FORWARD", "DROP"));
        }
        // neighbour discovery (untracked, as in the kernel) must cross the bridge for IPv6 at all
        assertOk(LAB.ctl("ip6tables", "-A", "FORWARD", "-p", "ipv6-icmp", "-j", "ACCEPT"));
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void getPassesAsRelated() throws Exception {
        long before = relatedCount("iptables");
        assertEquals(FILE, get(S4, "got4.txt", 30));
        assertTrue(relatedCount("iptables") > before, "the server's first DATA went through the RELATED rule");
        String expect = LAB.ctl("conntrack", "-L", "expect").out();
        assertTrue(expect.lines().noneMatch(l -> l.contains("helper=tftp")), "used up: " + expect);
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void putPassesAsRelated() throws Exception {
        long before = relatedCount("iptables");
        Proc.Result r = LAB.inClient("tftp", "-m", "octet", S4, "-c", "put",
                LAB.home().resolve("client/upload.txt").toString(), "up4.txt");
        assertOk(r);
        assertEquals(UPLOAD, Files.readString(LAB.home().resolve("srv/up4.txt")), "tftp put: " + r.out() + r.err());
        assertTrue(relatedCount("iptables") > before, "the server's ACK 0 went through the RELATED rule");
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ipv6GetPassesAsRelated() throws Exception {
        long before = relatedCount("ip6tables");
        assertEquals(FILE, get(S6, "got6.txt", 30));
        assertTrue(relatedCount("ip6tables") > before, "the server's first DATA went through the RELATED rule");
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withoutTheHelperTheTransferFails() throws Exception {
        helperRule("-D");
        try {
            assertNotEquals(FILE, get(S4, "nohelper.txt", 8), "the server's answer must be dropped without the helper");
        } finally {
            helperRule("-A");
        }
        assertEquals(FILE, get(S4, "again.txt", 30), "with the helper back, transfers work again");
    }

    /** {@code tftp -c get file.txt} from {@code server} into client/NAME, given at most {@code seconds}; its content. */
    private String get(String server, String name, int seconds) throws Exception {
        Path out = LAB.home().resolve("client").resolve(name);
        Proc.Result r = LAB.inClient("timeout", String.valueOf(seconds), "tftp", "-m", "octet", server, "-c", "get",
                "file.txt", out.toString());
        // tftp-hpa exits 0 even after "Error code 1: File not found": the file's content is what counts
        return Files.exists(out) ? Files.readString(out) : "(no file; tftp: " + r.out() + r.err() + ")";
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
}
