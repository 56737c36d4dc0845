package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

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
    /** One lab for each test; the test starts the appliance with its number of workers. */
    @RegisterExtension
    final Lab lab = Lab.bridge().client("10.79.0.1/24").server("10.79.0.2/24").needs("curl", "python3")
            .startedByTheTest();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void oneWorkerOnTheCaptureThread() throws Exception {
        new Run(lab, 1).go();
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void twoWorkersBehindCaptureThreads() throws Exception {
        new Run(lab, 2).go();
    }

    /** The appliance with {@code workers} workers in the lab, the faulty match deployed. */
    private static final class Run {
        private final Lab lab;
        private final int workers;
        private RunningAppliance appliance;

        Run(Lab lab, int workers) {
            this.lab = lab;
            this.workers = workers;
        }

        void go() throws Exception {
            Path home = lab.home();
            Files.copy(Proc.builtJar("examples/ext.faulty"), home.resolve("deploy").resolve("ext.faulty.jar"));
            appliance = lab.start("appliance", "--workers", String.valueOf(workers));
            waitFor("the faulty match to be loaded", () -> ctl("ext", "list").out().contains("faulty"), 60);
            Files.writeString(home.resolve("index.html"), "pkttables faults e2e\n");
            for (int port : new int[] { 8080, 8081 }) {
                lab.httpServer("10.79.0.2", port);
            }
            check();
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
            Process burst = new ProcessBuilder(Netns.inNs(lab.clientNs(), "python3", "-c",
                    "import socket, time\ns = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)\n"
                            + "for i in range(3000):\n    s.sendto(b'x' * 64, ('10.79.0.2', 8081))\n"
                            + "    if i % 100 == 99: time.sleep(0.01)\n")).redirectErrorStream(true).start();
            for (int i = 0; i < 5; i++) {
                assertEquals("pkttables faults e2e\n", curl(8080).out(), "HTTP to 8080 during the burst (" + i + ")");
            }
            assertTrue(burst.waitFor(60, TimeUnit.SECONDS), "the UDP burst ended");
            assertEquals(0, burst.exitValue());
            if (onPath("ping")) {
                assertOk(lab.inClient("ping", "-c", "2", "-i", "0.2", "-w", "10", "10.79.0.2"));
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
            String log = appliance.log();
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
            return lab.inClient("curl", "-s", "-m", "3", "http://10.79.0.2:" + port + "/index.html");
        }

        private Proc.Result ctl(String... args) throws Exception {
            return appliance.ctl(args);
        }
    }
}
