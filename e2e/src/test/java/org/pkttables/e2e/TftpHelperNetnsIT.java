package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

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
    private static final Path ROOT = Proc.ROOT;
    private static final String FILE = "pkttables tftp helper e2e\n".repeat(100); // 2,600 bytes: 6 blocks
    private static final String UPLOAD = "uploaded through the tftp helper\n".repeat(40);
    private static final String C4 = "10.78.0.1";
    private static final String S4 = "10.78.0.2";
    private static final String C6 = "fd00:78::1";
    private static final String S6 = "fd00:78::2";

    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pktf" + id + "c";
    private final String nsF = "pktf" + id + "f";
    private final String nsS = "pktf" + id + "s";
    private final String vC = "pt" + id + "c0";
    private final String vF0 = "pt" + id + "f0";
    private final String vF1 = "pt" + id + "f1";
    private final String vS = "pt" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;
    private Process appliance;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "TftpHelperNetnsIT needs root (network namespaces): skipped when not run as root");
        Lab.assumeInstalled("TftpHelperNetnsIT", "libpcap0.8", "tftpd-hpa", "tftp-hpa");
        assumeTrue(onPath("ip"), "TftpHelperNetnsIT needs iproute2: skipped");
        home = Files.createTempDirectory("pkt-e2e-tftp");
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(home.resolve("srv"));
        Files.createDirectories(home.resolve("client"));
        Files.writeString(home.resolve("srv/file.txt"), FILE);
        Files.writeString(home.resolve("client/upload.txt"), UPLOAD);
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        Lab.noIpv6(nsF);
        sh("ip", "-n", nsC, "addr", "add", C4 + "/24", "dev", vC);
        sh("ip", "-n", nsS, "addr", "add", S4 + "/24", "dev", vS);
        sh("ip", "-n", nsC, "addr", "add", C6 + "/64", "dev", vC, "nodad");
        sh("ip", "-n", nsS, "addr", "add", S6 + "/64", "dev", vS, "nodad");
        for (String[] l : new String[][] {{nsC, vC}, {nsS, vS}, {nsF, vF0}, {nsF, vF1}}) {
            sh("ip", "-n", l[0], "link", "set", l[1], "up");
        }
        appliance = background("appliance", "ip", "netns", "exec", nsF, ROOT.resolve("bin/pkttables").toString(),
                "run", "--bridge", vF0 + "," + vF1, "--socket", home.resolve("ctl.sock").toString(), "--state",
                home.resolve("state").toString(), "--deploy", home.resolve("deploy").toString());
        waitFor("the bridge to come up", () -> {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + Lab.log(home, "appliance"));
            return ctl("ports").out().startsWith("bridge: 2 ports");
        }, 90);
        // -L: foreground (ours to stop), -s: secure (files under srv), -c: put may create, -u root: no drop
        background("tftpd", "ip", "netns", "exec", nsS, "in.tftpd", "-L", "-a", S4 + ":69", "-s", "-c", "-u",
                "root", home.resolve("srv").toString());
        background("tftpd6", "ip", "netns", "exec", nsS, "in.tftpd", "-L", "-a", "[" + S6 + "]:69", "-s", "-c",
                "-u", "root", home.resolve("srv").toString());
        waitFor("the TFTP servers to listen", () -> {
            String ss = sh("ip", "netns", "exec", nsS, "ss", "-uln").out();
            return ss.contains(S4 + ":69") && ss.contains("[" + S6 + "]:69");
        }, 30);

        for (String tool : new String[] { "iptables", "ip6tables" }) {
            assertOk(ctl(tool, "-t", "raw", "-A", "PREROUTING", "-p", "udp", "--dport", "69", "-j", "CT",
                    "--helper", "tftp"));
            assertOk(ctl(tool, "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED", "-j", "ACCEPT"));
            assertOk(ctl(tool, "-A", "FORWARD", "-m", "conntrack", "--ctstate", "RELATED", "-m", "helper",
                    "--helper", "tftp", "-j", "ACCEPT"));
            assertOk(ctl(tool, "-A", "FORWARD", "-p", "udp", "--dport", "69", "-m", "conntrack", "--ctstate",
                    "NEW", "-j", "ACCEPT"));
            assertOk(ctl(tool, "-P", "FORWARD", "DROP"));
        }
        // neighbour discovery (untracked, as in the kernel) must cross the bridge for IPv6 at all
        assertOk(ctl("ip6tables", "-A", "FORWARD", "-p", "ipv6-icmp", "-j", "ACCEPT"));
    }

    @AfterAll
    void cleanUp() throws Exception {
        Lab.tearDown(processes, namespaces, home);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void getPassesAsRelated() throws Exception {
        long before = relatedCount("iptables");
        assertEquals(FILE, get(S4, "got4.txt", 30));
        assertTrue(relatedCount("iptables") > before, "the server's first DATA went through the RELATED rule");
        String expect = ctl("conntrack", "-L", "expect").out();
        assertTrue(expect.lines().noneMatch(l -> l.contains("helper=tftp")), "used up: " + expect);
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void putPassesAsRelated() throws Exception {
        long before = relatedCount("iptables");
        Proc.Result r = client("tftp", "-m", "octet", S4, "-c", "put", home.resolve("client/upload.txt").toString(),
                "up4.txt");
        assertOk(r);
        assertEquals(UPLOAD, Files.readString(home.resolve("srv/up4.txt")), "tftp put: " + r.out() + r.err());
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
        Path out = home.resolve("client").resolve(name);
        Proc.Result r = client("timeout", String.valueOf(seconds), "tftp", "-m", "octet", server, "-c", "get",
                "file.txt", out.toString());
        // tftp-hpa exits 0 even after "Error code 1: File not found": the file's content is what counts
        return Files.exists(out) ? Files.readString(out) : "(no file; tftp: " + r.out() + r.err() + ")";
    }

    /** Packets counted by the RELATED/helper rule (rule 2 of FORWARD). */
    private long relatedCount(String tool) throws Exception {
        return RulePackets.of(home, tool, "filter", "FORWARD", 2);
    }

    /** Adds ({@code -A}) or deletes ({@code -D}) the IPv4 raw rule that attaches the tftp helper. */
    private void helperRule(String op) throws Exception {
        assertOk(ctl("iptables", "-t", "raw", op, "PREROUTING", "-p", "udp", "--dport", "69", "-j", "CT", "--helper",
                "tftp"));
    }

    private Proc.Result client(String... cmd) throws Exception {
        return Lab.inNs(nsC, cmd);
    }

    private Proc.Result ctl(String... args) throws Exception {
        return Lab.ctl(home, args);
    }

    private Process background(String name, String... cmd) throws IOException {
        return Lab.background(home, processes, name, cmd);
    }
}
