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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A match that throws, in live bridge mode (issue 11, finding 2: one exception used to kill the capture
 * thread or every worker, and all forwarding stopped while {@code ping}/{@code status} looked healthy).
 * The test extension {@code examples/ext.faulty} ({@code -m faulty --throw-dport 8081}, which throws for
 * packets to port 8081 and matches all others) is dropped into the deploy folder of an appliance
 * bridging client -- appliance -- server in three network namespaces. TCP to port 8081 (curl) and a
 * UDP burst to 8081 reach the throwing match: every one of those packets is dropped and counted (per
 * rule in {@code status}, per worker in {@code workers}, exactly as many as a plain counting rule in
 * front of it saw), the log has one line with the stack trace for it, and HTTP to port 8080 and ping
 * (when installed) go on working through the same workers, before, during and after. With one worker (run on the capture
 * thread) and with two (behind per-port capture threads).
 */
class FaultContainmentNetnsIT {
    private static final Path ROOT = Proc.ROOT;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void oneWorkerOnTheCaptureThread() throws Exception {
        new Run(1).go();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void twoWorkersBehindCaptureThreads() throws Exception {
        new Run(2).go();
    }

    /** One lab and one appliance with {@code workers} workers; everything made is removed at the end. */
    private static final class Run {
        private final int workers;
        private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
        private final String nsC = "pktf" + id + "c";
        private final String nsF = "pktf" + id + "f";
        private final String nsS = "pktf" + id + "s";
        private final String vC = "pf" + id + "c0";
        private final String vF0 = "pf" + id + "f0";
        private final String vF1 = "pf" + id + "f1";
        private final String vS = "pf" + id + "s0";
        private final List<String> namespaces = new ArrayList<>();
        private final List<Process> processes = new ArrayList<>();
        private Path home;
        private Process appliance;

        Run(int workers) {
            this.workers = workers;
        }

        void go() throws Exception {
            assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                    "FaultContainmentNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
            assumeTrue(onPath("ip"), "FaultContainmentNetnsIT needs iproute2 (`ip`): not installed, skipped");
            for (String tool : List.of("curl", "python3")) {
                assumeTrue(onPath(tool), "FaultContainmentNetnsIT needs `" + tool + "`: not installed, skipped");
            }
            assumeTrue(sh0("/sbin/ldconfig", "-p").out().contains("libpcap.so"),
                    "FaultContainmentNetnsIT needs libpcap (Debian libpcap0.8) for bridge mode: not installed, skipped");
            try {
                lab();
                try {
                    check();
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "\n--- appliance log:\n" + Lab.log(home, "appliance"), e);
                }
            } finally {
                Lab.tearDown(processes, namespaces, home);
            }
        }

        private void lab() throws Exception {
            home = Files.createTempDirectory("pkt-e2e-faults");
            Path deploy = Files.createDirectories(home.resolve("deploy"));
            Files.copy(faultyJar(), deploy.resolve("ext.faulty.jar"));
            Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
            Lab.noIpv6(nsF);
            sh("ip", "-n", nsC, "addr", "add", "10.79.0.1/24", "dev", vC);
            sh("ip", "-n", nsS, "addr", "add", "10.79.0.2/24", "dev", vS);
            for (String[] l : new String[][] {{nsC, vC}, {nsS, vS}, {nsF, vF0}, {nsF, vF1}}) {
                sh("ip", "-n", l[0], "link", "set", l[1], "up");
            }
            appliance = Lab.background(home, processes, "appliance", "ip", "netns", "exec", nsF,
                    ROOT.resolve("bin/pkttables").toString(), "run", "--bridge", vF0 + "," + vF1, "--workers",
                    String.valueOf(workers), "--socket", home.resolve("ctl.sock").toString(), "--state",
                    home.resolve("state").toString(), "--deploy", deploy.toString());
            try {
                waitFor("the bridge to come up", () -> {
                    assertTrue(appliance.isAlive(), "the appliance exited:\n" + Lab.log(home, "appliance"));
                    return ctl("ports").out().startsWith("bridge: 2 ports");
                }, 90);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n" + Lab.log(home, "appliance"), e);
            }
            waitFor("the faulty match to be loaded", () -> ctl("ext", "list").out().contains("faulty"), 60);
            Files.writeString(home.resolve("index.html"), "pkttables faults e2e\n");
            for (String port : List.of("8080", "8081")) {
                Lab.background(home, processes, "http" + port, "ip", "netns", "exec", nsS, "python3", "-m",
                        "http.server", port, "--bind", "10.79.0.2", "--directory", home.toString());
            }
            waitFor("the HTTP servers to listen", () -> sh0("ip", "netns", "exec", nsS, "python3", "-c",
                    "import socket\nfor p in (8080, 8081): socket.create_connection(('10.79.0.2', p), 1).close()")
                    .exit() == 0);
        }

        private void check() throws Exception {
            // Counting rules in front (no target) see every packet that then reaches the faulty rule.
            assertOk(ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "8081"));
            assertOk(ctl("iptables", "-A", "FORWARD", "-p", "udp", "--dport", "8081"));
            assertOk(ctl("iptables", "-A", "FORWARD", "-m", "faulty", "--throw-dport", "8081", "-j", "ACCEPT"));
            assertOk(ctl("iptables", "-P", "FORWARD", "DROP"));

            assertEquals("pkttables faults e2e\n", curl(8080).out(), "HTTP to 8080 passes the faulty match");
            Proc.Result refused = curl(8081);
            assertNotEquals(0, refused.exit(), "the packets to 8081 make the match throw: dropped");
            // A burst of UDP datagrams to 8081 (each one throws) while HTTP to 8080 goes on.
            Process burst = new ProcessBuilder("ip", "netns", "exec", nsC, "python3", "-c",
                    "import socket, time\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                            + "for i in range(3000):\n    s.sendto(b'x' * 64, ('10.79.0.2', 8081))\n"
                            + "    if i % 100 == 99: time.sleep(0.01)\n").redirectErrorStream(true).start();
            for (int i = 0; i < 5; i++) {
                assertEquals("pkttables faults e2e\n", curl(8080).out(), "HTTP to 8080 during the burst (" + i + ")");
            }
            assertTrue(burst.waitFor(60, TimeUnit.SECONDS), "the UDP burst ended");
            assertEquals(0, burst.exitValue());
            if (onPath("ping")) {
                assertOk(Lab.inNs(nsC, "ping", "-c", "2", "-i", "0.2", "-w", "10", "10.79.0.2"));
            }
            assertEquals("pkttables faults e2e\n", curl(8080).out(), "and after it");

            // Let the last packets settle, then the counts: exactly the packets that reached the match.
            long[] last = {-1};
            waitFor("the counters to settle", () -> {
                long f = faultDrops();
                boolean settled = f == last[0] && reached() == f;
                last[0] = f;
                Thread.sleep(300);
                return settled;
            }, 30);
            long reached = reached();
            assertTrue(reached > 1000, "the burst reached the faulty match: " + reached);
            String status = ctl("status").out();
            assertTrue(status.contains("fault drops: " + reached + "\n"), status);
            assertTrue(status.contains("  ipv4 filter FORWARD rule 3: match faulty threw java.lang.IllegalStateException: "
                    + "faulty match: thrown on purpose for port 8081; " + reached + " packets dropped\n"), status);
            String table = ctl("workers").out();
            System.out.println("FaultContainmentNetnsIT, " + workers + " worker(s):\n" + status + table);
            assertEquals(reached, sumColumn(table, "faults"), "the workers count them too:\n" + table);
            assertEquals(0, sumColumn(table, "restarts"), "no thread died:\n" + table);
            assertTrue(table.contains("last fault: ipv4 filter FORWARD rule 3: match faulty threw"), table);
            assertTrue(!table.contains("STUCK"), table);
            String listing = ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
            assertTrue(listing.contains("Chain FORWARD (policy DROP"), listing);
            // The log: the first fault with its stack trace, no storm.
            String log = Lab.log(home, "appliance");
            assertEquals(1, count(log, "match faulty threw on a packet"), log);
            assertTrue(log.contains("at org.pkttables.example.faulty.FaultyMatch.matches"), log);
            assertTrue(count(log, "thrown on purpose") < 10, "at most a summary line per 10 s:\n" + log);
            assertTrue(appliance.isAlive());
        }

        /** Packets the two counting rules saw: every packet that then reached the faulty match on 8081. */
        private long reached() throws Exception {
            String save = ctl("iptables-save", "-c").out();
            return counter(save, "-A FORWARD -p tcp -m tcp --dport 8081") + counter(save,
                    "-A FORWARD -p udp -m udp --dport 8081");
        }

        private long faultDrops() throws Exception {
            Matcher m = Pattern.compile("fault drops: ([0-9]+)").matcher(ctl("status").out());
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }

        private static long counter(String save, String rule) {
            Matcher m = Pattern.compile("\\[([0-9]+):[0-9]+\\] " + Pattern.quote(rule) + "\n").matcher(save);
            assertTrue(m.find(), "no `" + rule + "` in:\n" + save);
            return Long.parseLong(m.group(1));
        }

        private static long sumColumn(String table, String name) {
            String[] lines = table.split("\n");
            List<String> head = List.of(lines[0].trim().split("\\s+"));
            int col = head.indexOf(name);
            assertTrue(col >= 0, "no column " + name + ":\n" + table);
            long s = 0;
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].trim().split("\\s+");
                if (f.length == head.size() && f[0].matches("[0-9]+")) {
                    s += Long.parseLong(f[col]);
                }
            }
            return s;
        }

        private static int count(String s, String what) {
            int n = 0;
            for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
                n++;
            }
            return n;
        }

        private Proc.Result curl(int port) throws Exception {
            return Lab.inNs(nsC, "curl", "-s", "-m", "3", "http://10.79.0.2:" + port + "/index.html");
        }

        private Proc.Result ctl(String... args) throws Exception {
            return Lab.ctl(home, args);
        }
    }

    private static Path faultyJar() throws IOException {
        try (DirectoryStream<Path> d = Files.newDirectoryStream(ROOT.resolve("examples/ext.faulty/target"),
                "ext.faulty-*.jar")) {
            for (Path p : d) {
                return p;
            }
        }
        throw new AssertionError("examples/ext.faulty is not built");
    }
}
