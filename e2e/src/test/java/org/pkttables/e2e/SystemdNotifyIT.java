package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bin/pkttables run} as systemd runs a {@code Type=notify} service (issue 14): the test plays
 * systemd, a datagram socket in {@code NOTIFY_SOCKET} (bound by a python3 one-liner: the JDK has no UNIX
 * datagram sockets) and {@code WATCHDOG_USEC}, and reads what the appliance sends: {@code READY=1} first,
 * with the rule count of the loaded config in its {@code STATUS=}, then {@code WATCHDOG=1} every half
 * period; SIGHUP reloads the config ({@code RELOADING=1}, {@code READY=1}), a failing reload keeps the
 * running ruleset and says why; {@code STOPPING=1} on SIGTERM.
 */
class SystemdNotifyIT {
    private static final String RECEIVER = "import socket,sys\n"
            + "s=socket.socket(socket.AF_UNIX,socket.SOCK_DGRAM)\n"
            + "s.bind(sys.argv[1])\n"
            + "print('bound',flush=True)\n"
            + "while True:\n"
            + "  print(s.recv(4096).decode().replace('\\n','|'),flush=True)\n";

    @RegisterExtension
    final Lab lab = Lab.launcher();

    @Test
    void readyAfterTheRulesWatchdogPingsReloadsOnSighupStopping() throws Exception {
        assumeTrue(Lab.onPath("python3"), "SystemdNotifyIT binds systemd's datagram socket with python3: skipped");
        Path home = lab.home();
        Path config = home.resolve("boot.conf");
        // As the package's config: restore files, each replacing its tables in one commit (also on reload).
        Files.writeString(config, "iptables-restore rules.v4\nip6tables-restore rules.v6\n");
        Files.writeString(home.resolve("rules.v4"), filter("-A INPUT -p tcp --dport 22 -j ACCEPT",
                "-A INPUT -p udp --dport 53 -j ACCEPT"));
        Files.writeString(home.resolve("rules.v6"), filter("-A INPUT -p tcp --dport 22 -j ACCEPT"));
        Path notify = home.resolve("notify.sock");
        Process systemd = new ProcessBuilder("python3", "-c", RECEIVER, notify.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Process appliance = null;
        try {
            BlockingQueue<String> messages = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(systemd.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        messages.add(line);
                    }
                } catch (java.io.IOException e) {
                    messages.add("receiver failed: " + e);
                }
            });
            reader.setDaemon(true);
            reader.start();
            assertEquals("bound", messages.poll(30, TimeUnit.SECONDS));

            ProcessBuilder pb = new ProcessBuilder(RunningAppliance.BIN.toString(), "run", "--deploy",
                    home.resolve("deploy").toString(), "--state", home.resolve("state").toString(), "--socket",
                    home.resolve("ctl.sock").toString(), "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(home.resolve("run.log").toFile());
            pb.environment().put("PKTTABLES_HOME", home.toString());
            pb.environment().put("NOTIFY_SOCKET", notify.toString());
            pb.environment().put("WATCHDOG_USEC", "1000000");
            appliance = pb.start();

            String first = messages.poll(120, TimeUnit.SECONDS);
            assertNotNull(first, "no READY=1 within 120 s: " + Files.readString(home.resolve("run.log")));
            assertTrue(first.startsWith("READY=1|STATUS="), first);
            assertTrue(first.contains("3 rules"), "READY=1 comes once the config's 3 rules are loaded: " + first);
            assertTrue(first.contains("MAINPID=" + appliance.pid()), "the JVM is the launcher's process: " + first);

            Proc.Result rules = Proc.exec(RunningAppliance.ctlCommand(home.resolve("ctl.sock"), "iptables", "-S",
                    "INPUT"), null);
            assertOk(rules);
            assertTrue(rules.out().contains("--dport 53"), rules.out());

            long start = System.nanoTime();
            int pings = 0;
            while (pings < 4) {
                String m = messages.poll(5, TimeUnit.SECONDS);
                assertNotNull(m, "the watchdog pings stopped after " + pings);
                assertEquals("WATCHDOG=1|", m);
                pings++;
            }
            // Half of WATCHDOG_USEC (0.5 s) apart: four pings need about 1.5 s, far less than the 20 s of a
            // watchdog that ignored the period. (An e2e figure; the unit tests have no timed assertion.)
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20));

            // SIGHUP reloads the config: RELOADING=1, then READY=1 with the new rule count.
            Files.writeString(home.resolve("rules.v4"), filter("-A INPUT -p tcp --dport 22 -j ACCEPT",
                    "-A INPUT -p udp --dport 53 -j ACCEPT", "-A INPUT -p tcp --dport 80 -j ACCEPT"));
            hangup(appliance);
            assertEquals("RELOADING=1|STATUS=reloading|", next(messages));
            String reloaded = next(messages);
            assertTrue(reloaded.startsWith("READY=1|STATUS=reloaded " + config) && reloaded.contains("4 rules"),
                    reloaded);

            // A config that fails half-way changes nothing: the running ruleset is put back, and it says why.
            Files.writeString(home.resolve("rules.v4"), filter("-A INPUT -p tcp --dport 443 -j ACCEPT"));
            Files.writeString(home.resolve("rules.v6"), filter("-A INPUT -p tcp --dport nope -j ACCEPT"));
            hangup(appliance);
            assertEquals("RELOADING=1|STATUS=reloading|", next(messages));
            String failed = next(messages);
            assertTrue(failed.startsWith("READY=1|STATUS=reload FAILED: " + config + ": line 2 ("), failed);
            assertTrue(failed.contains("the previous ruleset is back") && failed.contains("4 rules"), failed);
            Proc.Result after = Proc.exec(RunningAppliance.ctlCommand(home.resolve("ctl.sock"), "iptables", "-S",
                    "INPUT"), null);
            assertOk(after);
            assertTrue(after.out().contains("--dport 22 ") && after.out().contains("--dport 53 ")
                    && after.out().contains("--dport 80 ") && !after.out().contains("443"), after.out());
            assertTrue(Files.readString(home.resolve("run.log")).contains("pkttables: reload FAILED: " + config));
            String ping = messages.poll(5, TimeUnit.SECONDS);
            assertEquals("WATCHDOG=1|", ping, "the pings go on after the reloads");

            appliance.destroy();
            assertTrue(appliance.waitFor(60, TimeUnit.SECONDS), "the appliance did not stop on SIGTERM");
            String last = null;
            for (String m; (m = messages.poll(2, TimeUnit.SECONDS)) != null;) {
                last = m;
            }
            assertEquals("STOPPING=1|", last);
        } finally {
            if (appliance != null) {
                appliance.descendants().forEach(ProcessHandle::destroyForcibly);
                appliance.destroyForcibly();
            }
            systemd.destroyForcibly();
            systemd.waitFor();
        }
    }

    private static String filter(String... rules) {
        return "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + String.join("\n", rules) + "\nCOMMIT\n";
    }

    private static void hangup(Process appliance) throws Exception {
        assertOk(Proc.exec(List.of("kill", "-HUP", Long.toString(appliance.pid())), null));
    }

    /** The next message that is not a watchdog ping. */
    private static String next(BlockingQueue<String> messages) throws InterruptedException {
        for (;;) {
            String m = messages.poll(60, TimeUnit.SECONDS);
            assertNotNull(m, "no message from the appliance within 60 s");
            if (!m.equals("WATCHDOG=1|")) {
                return m;
            }
        }
    }

    @Test
    void noNotificationsWithoutNotifySocket() throws Exception {
        // The plain launcher (no NOTIFY_SOCKET) starts as before: the control socket answers.
        RunningAppliance a = lab.start("run");
        assertOk(a.ctl("ping"));
        assertTrue(!Files.readString(lab.home().resolve("run.log")).contains("NOTIFY_SOCKET"));
    }
}
