package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable acknowledgement (issue 11, finding 6): whatever {@code ctl} acknowledged with exit 0 survives a
 * SIGKILL of the appliance right after. Each round adds rules three ways (single {@code -A}, four
 * {@code ctl}s at once, an {@code iptables-restore --noflush} of 50 rules), kills the appliance
 * ({@code kill -9}) the moment the last {@code ctl} returned, restarts it on the same state directory and
 * compares {@code iptables -S} with every rule acknowledged so far. Rounds: {@code -Ddurable.kills=N}
 * (default 10). No root needed: the appliance runs as a plain process.
 */
class DurableAckIT {
    private static final Path ROOT = Proc.ROOT;
    private static final int KILLS = Integer.getInteger("durable.kills", 10);

    @TempDir
    Path home;
    private Process appliance;

    @AfterEach
    void stop() throws InterruptedException {
        if (appliance != null && appliance.isAlive()) {
            appliance.destroyForcibly();
            appliance.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void nothingAcknowledgedIsLostToSigkill() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            start();
            for (int round = 0; round < KILLS; round++) {
                for (int i = 0; i < 2; i++) {
                    String c = "r" + round + "-single" + i;
                    assertOk(ctl("iptables", "-A", "INPUT", "-m", "comment", "--comment", c, "-j", "ACCEPT"));
                    acknowledged.add(rule(c));
                }
                List<Future<Proc.Result>> burst = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String c = "r" + round + "-burst" + i;
                    burst.add(pool.submit(() -> ctl("iptables", "-A", "INPUT", "-m", "comment", "--comment", c, "-j",
                            "ACCEPT")));
                    acknowledged.add(rule(c));
                }
                for (Future<Proc.Result> f : burst) {
                    assertOk(f.get());
                }
                StringBuilder restore = new StringBuilder("*filter\n");
                for (int i = 0; i < 50; i++) {
                    String c = "r" + round + "-restore" + i;
                    restore.append(rule(c)).append('\n');
                    acknowledged.add(rule(c));
                }
                restore.append("COMMIT\n");
                Path file = home.resolve("round.v4");
                Files.writeString(file, restore);
                assertOk(ctl("iptables-restore", "--noflush", file.toString()));
                // The very moment the last ctl returned 0: SIGKILL (bin/pkttables execs the JVM itself).
                appliance.destroyForcibly();
                assertTrue(appliance.waitFor(30, TimeUnit.SECONDS), "the appliance dies on SIGKILL");
                start();
                Proc.Result listed = ctl("iptables", "-S", "INPUT");
                assertOk(listed);
                TreeSet<String> have = new TreeSet<>(listed.out().lines().filter(l -> l.startsWith("-A ")).toList());
                TreeSet<String> want = new TreeSet<>(acknowledged);
                TreeSet<String> lost = new TreeSet<>(want);
                lost.removeAll(have);
                assertEquals(List.of(), List.copyOf(lost), "round " + round + ": acknowledged rules lost to SIGKILL ("
                        + lost.size() + " of " + want.size() + ")");
                assertEquals(want, have, "round " + round + ": exactly the acknowledged rules");
                Proc.Result status = ctl("status");
                assertEquals(0, status.exit(), "a clean boot after each kill: " + status.out() + status.err());
            }
            // Killed right after the last answer, before a quiet second let a checkpoint run: the last
            // acknowledged changes were in the journal only and were redone at boot.
            assertTrue(Files.readString(home.resolve("run.log")).contains("journaled change(s) from"),
                    "the journal was redone at some restart");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String rule(String comment) {
        return "-A INPUT -m comment --comment " + comment + " -j ACCEPT";
    }

    private static void assertOk(Proc.Result r) {
        assertEquals(0, r.exit(), "exit " + r.exit() + ": " + r.out() + r.err());
    }

    private void start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/pkttables").toString(), "run", "--deploy",
                home.resolve("deploy").toString(), "--state", home.resolve("state").toString(), "--socket",
                socket().toString()).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("run.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("PKTTABLES_HOME", home.toString());
        appliance = pb.start();
        long end = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < end) {
            if (!appliance.isAlive()) {
                throw new AssertionError("the appliance exited:\n" + Files.readString(home.resolve("run.log")));
            }
            if (ctl("ping").exit() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the appliance did not answer:\n" + Files.readString(home.resolve("run.log")));
    }

    private Path socket() {
        return home.resolve("pkt.sock");
    }

    private Proc.Result ctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/pkttables").toString(), "ctl", "--socket",
                socket().toString()));
        cmd.addAll(List.of(args));
        return Proc.exec(cmd, null);
    }
}
