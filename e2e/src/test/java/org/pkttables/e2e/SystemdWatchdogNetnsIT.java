package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * systemd's watchdog from the packet workers' liveness (issue 14, acceptance 3), on a live bridge: the
 * test plays systemd ({@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} of 1 s) for an appliance bridging
 * client -- appliance -- server. It pings every half second while the workers turn; then a worker is
 * held for 8 s by the test extension {@code examples/ext.faulty}'s {@code -m stall} (dropped into the
 * deploy folder: no hook in the appliance itself), on one UDP datagram to port 9: the pinger sees that
 * worker's heartbeat stand still, says so in {@code STATUS=} and sends no {@code WATCHDOG=1} while it is
 * held (systemd would restart the service), and the pings go on once the worker moves again.
 */
class SystemdWatchdogNetnsIT {
    @RegisterExtension
    final Lab lab = Lab.bridge().client("10.81.0.1/24").server("10.81.0.2/24").needs("python3")
            .startedByTheTest();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aHeldWorkerStopsThePingsUntilItMovesAgain() throws Exception {
        Path home = lab.home();
        Files.copy(Proc.builtJar("examples/ext.faulty"), home.resolve("deploy").resolve("ext.faulty.jar"));
        try (SystemdReceiver systemd = new SystemdReceiver(home.resolve("notify.sock"))) {
            lab.environment("NOTIFY_SOCKET", systemd.path()).environment("WATCHDOG_USEC", "1000000");
            RunningAppliance appliance = lab.start("appliance");
            String ready = systemd.poll(120);
            assertNotNull(ready, "no READY=1 within 120 s:\n" + appliance.log());
            assertTrue(ready.startsWith("READY=1|STATUS=") && ready.contains("bridge"), ready);
            waitFor("the stall match to be loaded", () -> appliance.ctl("ext", "list").out().contains("stall"), 60);
            for (int i = 0; i < 3; i++) {
                assertEquals(SystemdReceiver.PING, systemd.poll(5), "pings while the workers turn (" + i + ")");
            }

            assertOk(appliance.ctl("iptables", "-A", "FORWARD", "-m", "stall", "--stall-dport", "9",
                    "--stall-seconds", "8", "-j", "ACCEPT"));
            assertOk(lab.inClient("python3", "-c", "import socket\n"
                    + "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'stall', ('10.81.0.2', 9))\n"));
            String stuck = systemd.next();
            assertTrue(stuck.startsWith("STATUS=packet loop stuck (bridge worker "), stuck);
            // The worker is held for 8 s and it took at most about a second to see it: 4 s of no pings.
            List<String> during = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
            for (long left; (left = end - System.nanoTime()) > 0;) {
                String m = systemd.pollMillis(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                if (m != null) {
                    during.add(m);
                }
            }
            assertTrue(!during.contains(SystemdReceiver.PING), "no WATCHDOG=1 while the worker is held: " + during);
            assertTrue(appliance.isAlive(), "the appliance runs on with the worker held");

            // The hold ends: the pinger says so, and the pings go on.
            String moves = systemd.next();
            assertTrue(moves.startsWith("STATUS=") && moves.contains("bridge") && !moves.contains("stuck"), moves);
            assertEquals(SystemdReceiver.PING, systemd.poll(5), "the pings go on once the worker moves");
            assertEquals(SystemdReceiver.PING, systemd.poll(5));
            String log = appliance.log();
            assertTrue(log.contains("packet loop stuck"), log);
            assertTrue(log.contains("packet loops move again"), log);
        }
    }
}
