package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Durable acknowledgement (issue 11, finding 6): whatever {@code ctl} acknowledged with exit 0 survives a
 * SIGKILL of the appliance right after. Each round adds rules three ways (single {@code -A}, four
 * {@code ctl}s at once, an {@code iptables-restore --noflush} of 50 rules), kills the appliance
 * ({@code kill -9}) the moment the last {@code ctl} returned, restarts it on the same state directory and
 * compares {@code iptables -S} with every rule acknowledged so far. Rounds: {@code -Ddurable.kills=N}
 * (default 10). No root needed: the appliance runs as a plain process.
 */
class DurableAckIT {
    private static final int KILLS = Integer.getInteger("durable.kills", 10);

    @RegisterExtension
    final Lab lab = Lab.launcher();
    private RunningAppliance appliance;

    @Test
    void nothingAcknowledgedIsLostToSigkill() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            appliance = lab.start("run");
            for (int round = 0; round < KILLS; round++) {
                for (int i = 0; i < 2; i++) {
                    String c = "r" + round + "-single" + i;
                    assertOk(appliance.ctl("iptables", "-A", "INPUT", "-m", "comment", "--comment", c, "-j", "ACCEPT"));
                    acknowledged.add(rule(c));
                }
                List<Future<Proc.Result>> burst = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String c = "r" + round + "-burst" + i;
                    burst.add(pool.submit(() -> appliance.ctl("iptables", "-A", "INPUT", "-m", "comment", "--comment", c, "-j",
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
                Path file = lab.home().resolve("round.v4");
                Files.writeString(file, restore);
                assertOk(appliance.ctl("iptables-restore", "--noflush", file.toString()));
                // The very moment the last ctl returned 0: SIGKILL to the JVM.
                appliance.kill();
                appliance = lab.start("run");
                Proc.Result listed = appliance.ctl("iptables", "-S", "INPUT");
                assertOk(listed);
                TreeSet<String> have = new TreeSet<>(listed.out().lines().filter(l -> l.startsWith("-A ")).toList());
                TreeSet<String> want = new TreeSet<>(acknowledged);
                TreeSet<String> lost = new TreeSet<>(want);
                lost.removeAll(have);
                assertEquals(List.of(), List.copyOf(lost), "round " + round + ": acknowledged rules lost to SIGKILL ("
                        + lost.size() + " of " + want.size() + ")");
                assertEquals(want, have, "round " + round + ": exactly the acknowledged rules");
                Proc.Result status = appliance.ctl("status");
                assertEquals(0, status.exit(), "a clean boot after each kill: " + status.out() + status.err());
            }
            // Killed right after the last answer, before a quiet second let a checkpoint run: the last
            // acknowledged changes were in the journal only and were redone at boot.
            assertTrue(appliance.log().contains("journaled change(s) from"),
                    "the journal was redone at some restart");
        } finally {
            pool.shutdownNow();
        }
    }

    private static String rule(String comment) {
        return "-A INPUT -m comment --comment " + comment + " -j ACCEPT";
    }
}
