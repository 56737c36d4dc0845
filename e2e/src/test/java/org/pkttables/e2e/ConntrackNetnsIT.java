package org.pkttables.e2e;

import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
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
    static final int MAX = 256;
    private static final String PAGE = "pkttables conntrack e2e\n";

    // A tiny table, so a modest flood fills it; FileInstall hands this to ConfigAdmin at start.
    @RegisterExtension
    // Two workers behind per-port capture threads (BridgeNetnsIT runs the default, on a small machine one
    // worker on the capture thread), so both paths of io are tested end to end.
    static final Lab LAB = Lab.bridge().client("10.78.0.1/24").server("10.78.0.2/24").workers(2)
            .deployFile("org.pkttables.conntrack.cfg", "max=" + MAX + "\n").needs("curl", "python3");

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        Path home = LAB.home();
        LAB.appliance().awaitCtl("the table to be sized " + MAX, 90, r -> r.out().equals(
                "net.netfilter.nf_conntrack_max = " + MAX + "\n"), "sysctl", "net.netfilter.nf_conntrack_max");
        // FileInstall reads the operator's file and never writes it back (it once rewrote it empty at start).
        assertEquals("max=" + MAX + "\n", Files.readString(home.resolve("deploy/org.pkttables.conntrack.cfg")));
        Files.writeString(home.resolve("index.html"), PAGE);
        // 1 MiB for the slow download of the flood test
        try (RandomAccessFile f = new RandomAccessFile(home.resolve("big.bin").toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        LAB.httpServer("0.0.0.0", 80);
        // Something for the server to (fail to) connect back to.
        LAB.background("listener", LAB.clientNs(), "python3", "-c", "import socket\n"
                + "s=socket.create_server(('0.0.0.0',8080))\nwhile True: s.accept()[0].close()");
        Lab.awaitListening("the client's listener", LAB.clientNs(), "10.78.0.1", 8080);

        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j",
                "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-i", LAB.port(0), "-p", "tcp", "--dport", "80", "-m", "conntrack",
                "--ctstate", "NEW", "-j", "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-P", "FORWARD", "DROP"));
    }

    @Test
    @Order(1)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void curlPassesTheServerCannotConnectBackAndConntrackListsTheEntry() throws Exception {
        Proc.Result r = LAB.inClient("curl", "-s", "-m", "5", "-w", "\n%{local_port}", "http://10.78.0.2:80/index.html");
        assertOk(r);
        assertTrue(r.out().startsWith(PAGE), r.out());
        String port = r.out().substring(PAGE.length()).trim();
        assertTrue(port.matches("[0-9]+"), "curl's local port: " + r.out());

        Proc.Result back = LAB.inServer("python3", "-c", "import socket\n"
                + "try:\n socket.create_connection(('10.78.0.1', 8080), 3).close(); print('connected')\n"
                + "except OSError as e:\n print('failed', e)");
        assertTrue(back.out().startsWith("failed"), "the server must not reach the client: " + back.out() + back.err());

        Proc.Result l = LAB.ctl("conntrack", "-L", "-p", "tcp", "--sport", port, "--dport", "80");
        assertOk(l);
        assertTrue(Pattern.compile("tcp      6 [0-9]+ (TIME_WAIT|CLOSE|FIN_WAIT|LAST_ACK|CLOSE_WAIT|ESTABLISHED) "
                + "src=10\\.78\\.0\\.1 dst=10\\.78\\.0\\.2 sport=" + port + " dport=80 packets=[0-9]+ bytes=[0-9]+ "
                + "src=10\\.78\\.0\\.2 dst=10\\.78\\.0\\.1 sport=80 dport=" + port + " packets=[0-9]+ bytes=[0-9]+ "
                + "\\[ASSURED\\] mark=0 use=1\n")
                .matcher(l.out()).matches(), "conntrack -L: " + l.out());
        assertEquals("conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n", l.err());
        // the refused connection back was never confirmed: no entry from the server's side
        assertEquals("", LAB.ctl("conntrack", "-L", "-p", "tcp", "--dport", "8080").out());
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void conntrackEventsThroughCtlShowANewConnection() throws Exception {
        Path home = LAB.home();
        Path out = home.resolve("events.out");
        Process ev = LAB.background(new ProcessBuilder(LAB.appliance().ctlCommand("conntrack", "-E", "-e", "NEW", "-o",
                "timestamp", "-p", "tcp", "--dport", "80", "--count", "1", "--timeout", "40"))
                .redirectOutput(out.toFile()).redirectError(home.resolve("events.err").toFile()));
        // The command subscribes when it starts; curl until it has seen one (bounded by its --timeout).
        long end = System.currentTimeMillis() + 45_000;
        while (ev.isAlive() && System.currentTimeMillis() < end) {
            LAB.inClient("curl", "-s", "-o", "/dev/null", "-m", "3", "http://10.78.0.2:80/index.html");
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
        Path home = LAB.home();
        Path out = home.resolve("live.out");
        Process ev = LAB.background(new ProcessBuilder(LAB.appliance().ctlCommand("conntrack", "-E", "-o", "timestamp",
                "-p", "tcp", "--dport", "80")).redirectOutput(out.toFile()).redirectError(home.resolve("live.err")
                .toFile()));
        // No --count, no --timeout: each event is on the ctl's stdout as it happens.
        waitFor("a NEW event on the live stream", () -> {
            LAB.inClient("curl", "-s", "-o", "/dev/null", "-m", "3", "http://10.78.0.2:80/index.html");
            return Files.readString(out).contains("[NEW] tcp");
        }, 40);
        assertTrue(ev.isAlive(), "the stream goes on after an event");
        assertOk(LAB.ctl("conntrack", "-D", "-p", "tcp", "--dport", "80"));
        waitFor("a DESTROY event with counters", () -> Pattern.compile("\\[DESTROY\\] tcp      6 [0-9]+ [A-Z_]+ "
                + "src=10\\.78\\.0\\.1 dst=10\\.78\\.0\\.2 sport=[0-9]+ dport=80 packets=[1-9][0-9]* bytes=[1-9][0-9]* "
                + "src=10\\.78\\.0\\.2 dst=10\\.78\\.0\\.1 sport=80 dport=[0-9]+ packets=[1-9][0-9]* bytes=[1-9][0-9]* "
                + "\\[ASSURED\\]\n").matcher(Files.readString(out)).find(), 20);
        assertTrue(ev.isAlive(), "still streaming");
        ev.destroy(); // what Ctrl-C does to ctl: the appliance notices at its next keep-alive and unsubscribes
        assertTrue(ev.waitFor(10, TimeUnit.SECONDS), "ctl ended");
        assertOk(LAB.ctl("ping"));
    }

    @Test
    @Order(3)
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aSynFloodFillingTheTableLeavesAnEstablishedDownloadRunning() throws Exception {
        assumeTrue(onPath("hping3"), "the SYN flood needs hping3 (apt-get install hping3): not installed, skipped");
        Path got = LAB.home().resolve("download.bin");
        // 1 MiB at 64 KiB/s: about 16 s, through and beyond the flood.
        Process dl = LAB.background("download", LAB.clientNs(), "curl", "-s", "-m", "90", "--limit-rate",
                "64K", "-o", got.toString(), "http://10.78.0.2:80/big.bin");
        waitFor("the download to start", () -> Files.exists(got) && Files.size(got) > 0, 30);
        long before = Files.size(got);
        // Random sources: the server's SYN/ACKs go nowhere, so every SYN leaves an UNREPLIED entry behind.
        Process flood = LAB.background("flood", LAB.clientNs(), "timeout", "8", "hping3", "-q", "-S",
                "-p", "80", "-i", "u200", "--rand-source", "10.78.0.2");
        waitFor("the flood to fill the table", () -> count() >= MAX - 8, 30);
        long during = Files.size(got);
        String stats = LAB.ctl("conntrack", "-S").out();
        assertTrue(flood.waitFor(30, TimeUnit.SECONDS), "hping3 ended");
        long after = Files.size(got);
        Matcher m = Pattern.compile("early_drop=([0-9]+)").matcher(stats);
        assertTrue(m.find() && Long.parseLong(m.group(1)) > 0, "the full table dropped early: " + stats);
        assertTrue(after - before > 64 * 1024, "bytes kept arriving through the flood: " + before + " -> " + during
                + " -> " + after);
        assertTrue(dl.waitFor(90, TimeUnit.SECONDS), "the download ended");
        assertEquals(0, dl.exitValue(), "curl: " + LAB.log("download"));
        assertEquals(1L << 20, Files.size(got), "the whole file arrived, the flow survived the full table");
    }

    private long count() throws Exception {
        String c = LAB.ctl("conntrack", "-C").out().trim();
        return c.matches("[0-9]+") ? Long.parseLong(c) : -1;
    }

}
