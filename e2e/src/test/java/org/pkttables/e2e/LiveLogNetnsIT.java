package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * {@code log -f} through {@code ctl} on a live bridge (as root, in network namespaces): a LOG rule in
 * FORWARD, UDP probes from the client sent at known times, each probe's line read from the follower
 * within 100 ms of its sending; then a UDP flood (iperf3, 64-byte packets, unbounded) with and without
 * LOG on every packet, the follower attached: every packet the LOG rule saw was logged or counted over the
 * LOG rate, the lines the follower did not read are counted in {@code status} (read + lost = logged), and
 * the two delivered rates are printed. (The acceptance's "within 10%" is a figure of bench/wire-bench.sh's
 * scenario (i) against (b): on a machine shared with other builds the noise between two floods is more
 * than 10%, so it is not asserted here.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveLogNetnsIT {
    private static final Pattern SPT = Pattern.compile(" SPT=(\\d+) ");
    private static final Pattern QUEUE = Pattern.compile("log queue: (\\d+) lines, (\\d+) dropped, \\d+ waiting "
            + "\\(ring of \\d+\\), (\\d+) lost by slow `log -f' readers, (\\d+) over the rate \\((\\d+)/s\\)");

    @RegisterExtension
    static final Lab LAB = Lab.bridge().client("10.82.0.1/24").server("10.82.0.2/24").needs("python3", "ping", "iperf3");

    /** When each line of the follower arrived (ms since 1970, fractional), by source port. */
    private final Map<Integer, Double> arrived = new ConcurrentHashMap<>();
    private final AtomicLong lines = new AtomicLong();

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void follower() throws Exception {
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "udp", "--dport", "5555", "-j", "LOG", "--log-prefix",
                "live: "));
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-W", "2", "10.82.0.2"));
        Process f = LAB.background(new ProcessBuilder(LAB.appliance().ctlCommand("log", "-f"))
                .redirectError(ProcessBuilder.Redirect.appendTo(LAB.home().resolve("follower.err").toFile())));
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(f.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    java.time.Instant i = java.time.Instant.now();
                    double now = i.toEpochMilli() + (i.getNano() % 1_000_000) / 1e6;
                    lines.incrementAndGet();
                    Matcher m = SPT.matcher(line);
                    if (line.contains(" live: IN=") && m.find()) {
                        arrived.putIfAbsent(Integer.parseInt(m.group(1)), now);
                    }
                }
            } catch (java.io.IOException e) {
                // the lab ended the follower
            }
        }, "log-follower");
        reader.setDaemon(true);
        reader.start();
        // The follower is there once a probe's line comes back.
        Lab.waitFor("`ctl log -f' to show a probe's line", () -> {
            send(41999, 1);
            return arrived.containsKey(41999);
        }, 30);
    }

    /** Sends {@code n} UDP probes to the server's port 5555 from ports {@code port..}, 100 ms apart; returns when each was sent. */
    private static List<Double> send(int port, int n) throws Exception {
        Proc.Result r = LAB.inClient("python3", "-c", String.join("\n",
                "import socket, time",
                "for i in range(" + n + "):",
                "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
                "    s.bind(('10.82.0.1', " + port + " + i))",
                "    t = time.time()",
                "    s.sendto(b'probe', ('10.82.0.2', 5555))",
                "    print('%.3f' % (t * 1000), flush=True)",
                "    s.close()",
                "    time.sleep(0.1)"));
        assertOk(r);
        List<Double> sent = new ArrayList<>();
        for (String l : r.out().split("\n")) {
            sent.add(Double.parseDouble(l));
        }
        return sent;
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eachProbesLineReachesTheFollowerWithin100Ms() throws Exception {
        int n = 30;
        List<Double> sent = send(42000, n);
        Lab.waitFor("the follower to show all " + n + " probes", () -> {
            for (int i = 0; i < n; i++) {
                if (!arrived.containsKey(42000 + i)) {
                    return false;
                }
            }
            return true;
        }, 10);
        List<Double> latency = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            latency.add(arrived.get(42000 + i) - sent.get(i));
        }
        List<Double> sorted = new ArrayList<>(latency);
        Collections.sort(sorted);
        System.out.printf("LiveLogNetnsIT: packet sent -> line read by `ctl log -f`, %d probes: min %.1f ms, median %.1f"
                + " ms, max %.1f ms%n", n, sorted.get(0), sorted.get(n / 2), sorted.get(n - 1));
        assertTrue(sorted.get(n - 1) < 100, "every probe's line within 100 ms: " + latency);
    }

    @Test
    @Order(2)
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void underALogFloodEveryLineIsLoggedOrCountedAndTheFollowersLossesAreCounted() throws Exception {
        LAB.background("iperf3", LAB.serverNs(), "iperf3", "-s");
        Lab.awaitListening("iperf3", LAB.serverNs(), "10.82.0.2", 5201);
        double[] plain = new double[2];
        double[] logged = new double[2];
        long[] queueBefore = queue();
        long linesBefore = lines.get();
        long delivered = 0;
        for (int round = 0; round < 2; round++) {
            rule("ACCEPT");
            plain[round] = flood();
            rule("LOG");
            logged[round] = flood();
            delivered += ruleHits();
        }
        rule(null);
        double p = Math.max(plain[0], plain[1]);
        double l = Math.max(logged[0], logged[1]);
        // The follower has read what it could once nothing new comes for a second.
        long seen = -1;
        while (seen != lines.get()) {
            seen = lines.get();
            Thread.sleep(1000);
        }
        long[] queueAfter = queue();
        long published = queueAfter[0] - queueBefore[0];
        long lost = queueAfter[2] - queueBefore[2];
        long read = lines.get() - linesBefore;
        long overRate = queueAfter[3] - queueBefore[3];
        System.out.printf("LiveLogNetnsIT: UDP 64-byte flood through the bridge, best of 2: %.0f pps without LOG, %.0f pps"
                + " with LOG on every packet (%.1f%%); %d lines logged, %d over the rate of %d/s (counted, not formatted), %d "
                + "read by `ctl log -f`, %d lost by it, %d dropped by the log backend's delivery%n", p, l, 100.0 * l / p,
                published, overRate, queueAfter[4], read, lost, queueAfter[1] - queueBefore[1]);
        assertEquals(delivered, published + overRate, "each packet the LOG rule saw was logged or counted over the rate");
        assertTrue(overRate > 0, "the flood went over the rate");
        assertEquals(published, read + lost, "every logged line was read by the follower or counted as lost by it");
    }

    /** FORWARD: the iperf3 UDP rule with {@code target} (LOG or ACCEPT), or none. */
    private static void rule(String target) throws Exception {
        assertOk(LAB.ctl("iptables", "-F", "FORWARD"));
        if (target != null) {
            List<String> cmd = new ArrayList<>(List.of("iptables", "-A", "FORWARD", "-p", "udp", "--dport", "5201", "-j",
                    target));
            if (target.equals("LOG")) {
                cmd.addAll(List.of("--log-prefix", "flood: "));
            }
            assertOk(LAB.ctl(cmd.toArray(new String[0])));
        }
    }

    /** 5 s of unbounded 64-byte UDP (after a 1 s warm-up): the frames per second the server's veth received. */
    private static double flood() throws Exception {
        assertOk(LAB.inClient("iperf3", "-c", "10.82.0.2", "-u", "-l", "64", "-b", "0", "-t", "1"));
        long rx0 = rx();
        assertOk(LAB.inClient("iperf3", "-c", "10.82.0.2", "-u", "-l", "64", "-b", "0", "-t", "5"));
        return (rx() - rx0) / 5.0;
    }

    /** The packets FORWARD's one rule has seen ({@code iptables -L FORWARD -v -x -n}). */
    private static long ruleHits() throws Exception {
        Proc.Result r = LAB.ctl("iptables", "-L", "FORWARD", "-v", "-x", "-n");
        assertOk(r);
        String line = r.out().lines().skip(2).findFirst().orElseThrow(() -> new AssertionError(r.out())).strip();
        return Long.parseLong(line.split("\\s+")[0]);
    }

    private static long rx() throws Exception {
        Proc.Result r = LAB.inServer("cat", "/sys/class/net/" + LAB.serverDev() + "/statistics/rx_packets");
        assertOk(r);
        return Long.parseLong(r.out().strip());
    }

    /** {@code status}'s log queue: lines published, dropped by the delivery, lost by followers, over the rate, the rate. */
    private static long[] queue() throws Exception {
        Proc.Result r = LAB.ctl("status");
        assertOk(r);
        Matcher m = QUEUE.matcher(r.out());
        assertTrue(m.find(), r.out());
        return new long[] { Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                Long.parseLong(m.group(4)), Long.parseLong(m.group(5)) };
    }
}
