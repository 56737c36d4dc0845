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
 * The FTP conntrack helper on the wire: client -- appliance (bridge mode) -- server in three network
 * namespaces, a real FTP server (pyftpdlib) and a real client (curl). The firewall lets only new
 * connections to port 21 in, plus RELATED connections of the ftp helper; {@code -t raw -j CT --helper
 * ftp} attaches the helper. Passive (EPSV/PASV) and active (EPRT/PORT) transfers work; without the CT
 * rule the data connection is refused. Everything made here is removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FtpHelperNetnsIT {
    private static final Path ROOT = Proc.ROOT;
    private static final String PYTHON = "/usr/bin/python3"; // Debian's, with python3-pyftpdlib
    private static final String FILE = "pkttables ftp helper e2e\n".repeat(200);

    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pkfp" + id + "c";
    private final String nsF = "pkfp" + id + "f";
    private final String nsS = "pkfp" + id + "s";
    private final String vC = "pf" + id + "c0";
    private final String vF0 = "pf" + id + "f0";
    private final String vF1 = "pf" + id + "f1";
    private final String vS = "pf" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;
    private Process appliance;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "FtpHelperNetnsIT needs root (network namespaces): skipped when not run as root");
        Lab.assumeInstalled("FtpHelperNetnsIT", "libpcap0.8");
        assumeTrue(onPath("ip") && onPath("curl"), "FtpHelperNetnsIT needs iproute2 and curl: skipped");
        assumeTrue(sh0(PYTHON, "-c", "import pyftpdlib").exit() == 0,
                "FtpHelperNetnsIT needs an FTP server: apt-get install python3-pyftpdlib (skipped)");
        home = Files.createTempDirectory("pkt-e2e-ftp");
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(home.resolve("pub"));
        // the session log bundle: one JSON line per ended connection, relative to the state directory
        Files.writeString(home.resolve("deploy/org.pkttables.conntrack.log.cfg"), "file=sessions.json\n");
        Files.writeString(home.resolve("pub/file.txt"), FILE);
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        Lab.noIpv6(nsF);
        sh("ip", "-n", nsC, "addr", "add", "10.79.0.1/24", "dev", vC);
        sh("ip", "-n", nsS, "addr", "add", "10.79.0.2/24", "dev", vS);
        for (String[] l : new String[][] {{nsC, vC}, {nsS, vS}, {nsF, vF0}, {nsF, vF1}}) {
            sh("ip", "-n", l[0], "link", "set", l[1], "up");
        }
        appliance = background("appliance", "ip", "netns", "exec", nsF, ROOT.resolve("bin/pkttables").toString(),
                "run", "--bridge", vF0 + "," + vF1, "--socket", home.resolve("ctl.sock").toString(), "--state",
                home.resolve("state").toString(), "--deploy", home.resolve("deploy").toString());
        waitFor("the bridge to come up", () -> {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + log("appliance"));
            return ctl("ports").out().startsWith("bridge: 2 ports");
        }, 90);
        background("ftpd", "ip", "netns", "exec", nsS, PYTHON, "-m", "pyftpdlib", "-i", "10.79.0.2", "-p", "21",
                "-d", home.resolve("pub").toString(), "-r", "60000-60100");
        waitFor("the FTP server to listen", () -> sh0("ip", "netns", "exec", nsS, PYTHON, "-c",
                "import socket; socket.create_connection(('10.79.0.2', 21), 1).close()").exit() == 0, 30);

        assertOk(ctl("iptables", "-t", "raw", "-A", "PREROUTING", "-p", "tcp", "--dport", "21", "-j", "CT",
                "--helper", "ftp"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "RELATED", "-m", "helper",
                "--helper", "ftp", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "21", "-m", "conntrack", "--ctstate",
                "NEW", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-P", "FORWARD", "DROP"));
    }

    @AfterAll
    void cleanUp() throws Exception {
        Lab.tearDown(processes, namespaces, home);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void passiveTransferPassesAsRelated() throws Exception {
        long before = relatedCount();
        Proc.Result r = client("curl", "-s", "-S", "-m", "15", "ftp://10.79.0.2/file.txt");
        assertOk(r);
        assertEquals(FILE, r.out());
        assertTrue(relatedCount() > before, "the data connection went through the RELATED rule");
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void activeTransferLetsTheServerConnectBack() throws Exception {
        long before = relatedCount();
        // -P -: EPRT/PORT with the control connection's own address; the server connects to the client
        Proc.Result r = client("curl", "-s", "-S", "-m", "15", "-P", "-", "ftp://10.79.0.2/file.txt");
        assertOk(r);
        assertEquals(FILE, r.out());
        assertTrue(relatedCount() > before, "the server's data connection went through the RELATED rule");
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withoutTheHelperTheDataConnectionIsRefused() throws Exception {
        assertOk(ctl("iptables", "-t", "raw", "-D", "PREROUTING", "-p", "tcp", "--dport", "21", "-j", "CT",
                "--helper", "ftp"));
        try {
            Proc.Result r = client("curl", "-s", "-S", "-m", "8", "--connect-timeout", "4", "ftp://10.79.0.2/file.txt");
            assertNotEquals(0, r.exit(), "the transfer must fail without the helper: " + r.out());
        } finally {
            assertOk(ctl("iptables", "-t", "raw", "-A", "PREROUTING", "-p", "tcp", "--dport", "21", "-j", "CT",
                    "--helper", "ftp"));
        }
        Proc.Result r = client("curl", "-s", "-S", "-m", "15", "ftp://10.79.0.2/file.txt");
        assertOk(r);
        assertEquals(FILE, r.out(), "with the helper back, transfers work again");
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void endedConnectionsAreInTheSessionLog() throws Exception {
        assertOk(ctl("conntrack", "-F")); // every entry ends now: DESTROY events
        Path log = home.resolve("state/sessions.json");
        waitFor("the session log to list the FTP control connections", () -> Files.exists(log)
                && Files.readString(log).contains("\"orig.ip.daddr\":\"10.79.0.2\",\"orig.l4.sport\""), 20);
        String text = Files.readString(log);
        assertTrue(Pattern.compile("\"orig.l4.dport\":21,\"orig.raw.pktcount\":[1-9]").matcher(text).find(), text);
        assertTrue(ctl("conntrack-log").out().contains("connections written"), ctl("conntrack-log").out());
    }

    /** Packets counted by the RELATED/helper rule (rule 2 of FORWARD). */
    private long relatedCount() throws Exception {
        Proc.Result r = ctl("iptables", "-L", "FORWARD", "2", "-v", "-x", "-n");
        assertOk(r);
        Matcher m = Pattern.compile("^\\s*([0-9]+)\\s").matcher(r.out());
        assertTrue(m.find(), "iptables -L FORWARD 2: " + r.out());
        return Long.parseLong(m.group(1));
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

    private String log(String name) throws IOException {
        return Lab.log(home, name);
    }
}
