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
import java.io.RandomAccessFile;
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
 * Connection tracking on the wire, in bridge mode: client -- appliance -- server in three network
 * namespaces made here (as BridgeNetnsIT), the appliance started with a conntrack table of only
 * {@value #MAX} entries ({@code org.pkttables.conntrack.cfg} in its deploy directory, read by FileInstall
 * into ConfigAdmin) and the classic stateful ruleset: FORWARD policy DROP, ESTABLISHED,RELATED accepted,
 * new TCP from the client's port to port 80 accepted. curl works, the server cannot connect back,
 * {@code conntrack -L} and {@code conntrack -E} through ctl show the curl connection in conntrack-tools'
 * format; a SYN flood from random sources (hping3) fills the table while a slow download keeps
 * receiving bytes and completes. Everything made here is removed at the end, also when a test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConntrackNetnsIT {
    private static final Path ROOT = Proc.ROOT;
    static final int MAX = 256;
    private static final String PAGE = "pkttables conntrack e2e\n";

    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pkct" + id + "c";
    private final String nsF = "pkct" + id + "f";
    private final String nsS = "pkct" + id + "s";
    private final String vC = "pq" + id + "c0";
    private final String vF0 = "pq" + id + "f0";
    private final String vF1 = "pq" + id + "f1";
    private final String vS = "pq" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;
    private Process appliance;

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "ConntrackNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
        Lab.assumeInstalled("ConntrackNetnsIT", "libpcap0.8");
        assumeTrue(onPath("ip"), "ConntrackNetnsIT needs iproute2 (`ip`): not installed, skipped");
        for (String tool : List.of("curl", "python3")) {
            assumeTrue(onPath(tool), "ConntrackNetnsIT needs `" + tool + "`: not installed, skipped");
        }
        home = Files.createTempDirectory("pkt-e2e-ct");
        Files.createDirectories(home.resolve("deploy"));
        // A tiny table, so a modest flood fills it; FileInstall hands this to ConfigAdmin at start.
        Files.writeString(home.resolve("deploy/org.pkttables.conntrack.cfg"), "max=" + MAX + "\n");
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        Lab.noIpv6(nsF);
        sh("ip", "-n", nsC, "addr", "add", "10.78.0.1/24", "dev", vC);
        sh("ip", "-n", nsS, "addr", "add", "10.78.0.2/24", "dev", vS);
        for (String[] l : new String[][] {{nsC, vC}, {nsS, vS}, {nsF, vF0}, {nsF, vF1}}) {
            sh("ip", "-n", l[0], "link", "set", l[1], "up");
        }
        appliance = background("appliance", "ip", "netns", "exec", nsF, ROOT.resolve("bin/pkttables").toString(),
                "run", "--bridge", vF0 + "," + vF1, "--socket", home.resolve("ctl.sock").toString(), "--state",
                home.resolve("state").toString(), "--deploy", home.resolve("deploy").toString());
        waitFor("the bridge to come up and the table to be sized " + MAX, () -> {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + log("appliance"));
            return ctl("ports").out().startsWith("bridge: 2 ports") && ctl("sysctl", "net.netfilter.nf_conntrack_max")
                    .out().equals("net.netfilter.nf_conntrack_max = " + MAX + "\n");
        }, 90);
        Files.writeString(home.resolve("index.html"), PAGE);
        // 1 MiB for the slow download of the flood test
        try (RandomAccessFile f = new RandomAccessFile(home.resolve("big.bin").toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        background("http", "ip", "netns", "exec", nsS, "python3", "-m", "http.server", "80", "--bind", "0.0.0.0",
                "--directory", home.toString());
        waitFor("the HTTP server to listen", () -> sh0("ip", "netns", "exec", nsS, "python3", "-c",
                "import socket; socket.create_connection(('127.0.0.1', 80), 1).close()").exit() == 0, 30);
        // Something for the server to (fail to) connect back to.
        background("listener", "ip", "netns", "exec", nsC, "python3", "-c", "import socket\n"
                + "s=socket.create_server(('0.0.0.0',8080))\nwhile True: s.accept()[0].close()");
        waitFor("the client's listener", () -> client("python3", "-c",
                "import socket; socket.create_connection(('10.78.0.1', 8080), 1).close()").exit() == 0, 30);

        assertOk(ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                "ACCEPT"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-i", vF0, "-p", "tcp", "--dport", "80", "-m", "conntrack",
                "--ctstate", "NEW", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-P", "FORWARD", "DROP"));
    }

    @AfterAll
    void cleanUp() throws Exception {
        Lab.tearDown(processes, namespaces, home);
    }

    @Test
    @Order(1)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void curlPassesTheServerCannotConnectBackAndConntrackListsTheEntry() throws Exception {
        Proc.Result r = client("curl", "-s", "-m", "5", "-w", "\n%{local_port}", "http://10.78.0.2:80/index.html");
        assertOk(r);
        assertTrue(r.out().startsWith(PAGE), r.out());
        String port = r.out().substring(PAGE.length()).trim();
        assertTrue(port.matches("[0-9]+"), "curl's local port: " + r.out());

        Proc.Result back = server("python3", "-c", "import socket\n"
                + "try:\n socket.create_connection(('10.78.0.1', 8080), 3).close(); print('connected')\n"
                + "except OSError as e:\n print('failed', e)");
        assertTrue(back.out().startsWith("failed"), "the server must not reach the client: " + back.out() + back.err());

        Proc.Result l = ctl("conntrack", "-L", "-p", "tcp", "--sport", port, "--dport", "80");
        assertOk(l);
        assertTrue(Pattern.compile("tcp      6 [0-9]+ (TIME_WAIT|CLOSE|FIN_WAIT|LAST_ACK|CLOSE_WAIT|ESTABLISHED) "
                + "src=10\\.78\\.0\\.1 dst=10\\.78\\.0\\.2 sport=" + port + " dport=80 packets=[0-9]+ bytes=[0-9]+ "
                + "src=10\\.78\\.0\\.2 dst=10\\.78\\.0\\.1 sport=80 dport=" + port + " packets=[0-9]+ bytes=[0-9]+ "
                + "\\[ASSURED\\] mark=0 use=1\n")
                .matcher(l.out()).matches(), "conntrack -L: " + l.out());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n", l.err());
        // the refused connection back was never confirmed: no entry from the server's side
        assertEquals("", ctl("conntrack", "-L", "-p", "tcp", "--dport", "8080").out());
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void conntrackEventsThroughCtlShowANewConnection() throws Exception {
        Path out = home.resolve("events.out");
        Process ev = new ProcessBuilder(ROOT.resolve("bin/pkttables").toString(), "ctl", "--socket",
                home.resolve("ctl.sock").toString(), "conntrack", "-E", "-e", "NEW", "-o", "timestamp", "-p", "tcp",
                "--dport", "80", "--count", "1", "--timeout", "40").directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(home.resolve("events.err").toFile()).start();
        processes.add(ev);
        // The command subscribes when it starts; curl until it has seen one (bounded by its --timeout).
        long end = System.currentTimeMillis() + 45_000;
        while (ev.isAlive() && System.currentTimeMillis() < end) {
            client("curl", "-s", "-o", "/dev/null", "-m", "3", "http://10.78.0.2:80/index.html");
            ev.waitFor(500, TimeUnit.MILLISECONDS);
        }
        assertTrue(ev.waitFor(10, TimeUnit.SECONDS), "conntrack -E ended");
        assertEquals(0, ev.exitValue(), Files.readString(home.resolve("events.err")));
        String line = Files.readString(out);
        assertTrue(Pattern.compile("\\[[0-9]{10}\\.[0-9 ]{6}\\]\t    \\[NEW\\] tcp      6 120 SYN_SENT "
                + "src=10\\.78\\.0\\.1 dst=10\\.78\\.0\\.2 sport=([0-9]+) dport=80 \\[UNREPLIED\\] "
                + "src=10\\.78\\.0\\.2 dst=10\\.78\\.0\\.1 sport=80 dport=\\1\n").matcher(line).matches(),
                "conntrack -E: " + line);
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow events have been shown.\n",
                Files.readString(home.resolve("events.err")));
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void conntrackEventsStreamLiveThroughCtlUntilInterrupted() throws Exception {
        Path out = home.resolve("live.out");
        Process ev = new ProcessBuilder(ROOT.resolve("bin/pkttables").toString(), "ctl", "--socket",
                home.resolve("ctl.sock").toString(), "conntrack", "-E", "-o", "timestamp", "-p", "tcp", "--dport", "80")
                .directory(ROOT.toFile()).redirectOutput(out.toFile()).redirectError(home.resolve("live.err").toFile())
                .start();
        processes.add(ev);
        // No --count, no --timeout: each event is on the ctl's stdout as it happens.
        waitFor("a NEW event on the live stream", () -> {
            client("curl", "-s", "-o", "/dev/null", "-m", "3", "http://10.78.0.2:80/index.html");
            return Files.readString(out).contains("[NEW] tcp");
        }, 40);
        assertTrue(ev.isAlive(), "the stream goes on after an event");
        assertOk(ctl("conntrack", "-D", "-p", "tcp", "--dport", "80"));
        waitFor("a DESTROY event with counters", () -> Pattern.compile("\\[DESTROY\\] tcp      6 [0-9]+ [A-Z_]+ "
                + "src=10\\.78\\.0\\.1 dst=10\\.78\\.0\\.2 sport=[0-9]+ dport=80 packets=[1-9][0-9]* bytes=[1-9][0-9]* "
                + "src=10\\.78\\.0\\.2 dst=10\\.78\\.0\\.1 sport=80 dport=[0-9]+ packets=[1-9][0-9]* bytes=[1-9][0-9]* "
                + "\\[ASSURED\\]\n").matcher(Files.readString(out)).find(), 20);
        assertTrue(ev.isAlive(), "still streaming");
        ev.destroy(); // what Ctrl-C does to ctl: the appliance notices at its next keep-alive and unsubscribes
        assertTrue(ev.waitFor(10, TimeUnit.SECONDS), "ctl ended");
        assertOk(ctl("ping"));
    }

    @Test
    @Order(3)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aSynFloodFillingTheTableLeavesAnEstablishedDownloadRunning() throws Exception {
        assumeTrue(onPath("hping3"), "the SYN flood needs hping3 (apt-get install hping3): not installed, skipped");
        Path got = home.resolve("download.bin");
        // 1 MiB at 64 KiB/s: about 16 s, through and beyond the flood.
        Process dl = background("download", "ip", "netns", "exec", nsC, "curl", "-s", "-m", "90", "--limit-rate",
                "64K", "-o", got.toString(), "http://10.78.0.2:80/big.bin");
        waitFor("the download to start", () -> Files.exists(got) && Files.size(got) > 0, 30);
        long before = Files.size(got);
        // Random sources: the server's SYN/ACKs go nowhere, so every SYN leaves an UNREPLIED entry behind.
        Process flood = background("flood", "ip", "netns", "exec", nsC, "timeout", "8", "hping3", "-q", "-S",
                "-p", "80", "-i", "u200", "--rand-source", "10.78.0.2");
        waitFor("the flood to fill the table", () -> count() >= MAX - 8, 30);
        long during = Files.size(got);
        String stats = ctl("conntrack", "-S").out();
        assertTrue(flood.waitFor(30, TimeUnit.SECONDS), "hping3 ended");
        long after = Files.size(got);
        Matcher m = Pattern.compile("early_drop=([0-9]+)").matcher(stats);
        assertTrue(m.find() && Long.parseLong(m.group(1)) > 0, "the full table dropped early: " + stats);
        assertTrue(after - before > 64 * 1024, "bytes kept arriving through the flood: " + before + " -> " + during
                + " -> " + after);
        assertTrue(dl.waitFor(90, TimeUnit.SECONDS), "the download ended");
        assertEquals(0, dl.exitValue(), "curl: " + log("download"));
        assertEquals(1L << 20, Files.size(got), "the whole file arrived, the flow survived the full table");
    }

    private long count() throws Exception {
        String c = ctl("conntrack", "-C").out().trim();
        return c.matches("[0-9]+") ? Long.parseLong(c) : -1;
    }

    private Proc.Result server(String... cmd) throws Exception {
        return Lab.inNs(nsS, cmd);
    }

    // ---- helpers ----

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
