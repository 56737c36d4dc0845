package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    @RegisterExtension
    final Lab lab = Lab.launcher();

    @Test
    void readyAfterTheRulesWatchdogPingsReloadsOnSighupStopping() throws Exception {
        Path home = lab.home();
        // As the package's config: restore files, each replacing its tables in one commit (also on reload).
        Path config = config("boot.conf", "iptables-restore rules.v4\nip6tables-restore rules.v6\n");
        Files.writeString(home.resolve("rules.v4"), filter("-A INPUT -p tcp --dport 22 -j ACCEPT",
                "-A INPUT -p udp --dport 53 -j ACCEPT"));
        Files.writeString(home.resolve("rules.v6"), filter("-A INPUT -p tcp --dport 22 -j ACCEPT"));
        underSystemd(config, "1000000", (appliance, messages, first) -> {
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
                String m = messages.poll(5);
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
            assertEquals("RELOADING=1|STATUS=reloading|", messages.next());
            String reloaded = messages.next();
            assertTrue(reloaded.startsWith("READY=1|STATUS=reloaded " + config) && reloaded.contains("4 rules"),
                    reloaded);

            // A config that fails half-way changes nothing: the running ruleset is put back, and it says why.
            Files.writeString(home.resolve("rules.v4"), filter("-A INPUT -p tcp --dport 443 -j ACCEPT"));
            Files.writeString(home.resolve("rules.v6"), filter("-A INPUT -p tcp --dport nope -j ACCEPT"));
            hangup(appliance);
            assertEquals("RELOADING=1|STATUS=reloading|", messages.next());
            String failed = messages.next();
            assertTrue(failed.startsWith("READY=1|STATUS=reload FAILED: " + config + ": line 2 ("), failed);
            assertTrue(failed.contains("the previous ruleset is back") && failed.contains("4 rules"), failed);
            Proc.Result after = Proc.exec(RunningAppliance.ctlCommand(home.resolve("ctl.sock"), "iptables", "-S",
                    "INPUT"), null);
            assertOk(after);
            assertTrue(after.out().contains("--dport 22 ") && after.out().contains("--dport 53 ")
                    && after.out().contains("--dport 80 ") && !after.out().contains("443"), after.out());
            assertTrue(Files.readString(home.resolve("run.log")).contains("pkttables: reload FAILED: " + config));
            String ping = messages.poll(5);
            assertEquals("WATCHDOG=1|", ping, "the pings go on after the reloads");

            appliance.destroy();
            assertTrue(appliance.waitFor(60, TimeUnit.SECONDS), "the appliance did not stop on SIGTERM");
            String last = null;
            for (String m; (m = messages.poll(2)) != null;) {
                last = m;
            }
            assertEquals("STOPPING=1|", last);
        });
    }

    @Test
    void aConfigOfCommandsReloadedHasItsRulesOnce() throws Exception {
        Path home = lab.home();
        Path config = config("commands.conf", "iptables -N SSH\niptables -A SSH -p tcp --dport 22 -j ACCEPT\n"
                + "iptables -A INPUT -j SSH\nip6tables -A INPUT -p tcp --dport 22 -j ACCEPT\n");
        underSystemd(config, null, (appliance, messages, ready) -> {
            assertTrue(ready.contains("3 rules"), ready);
            List<String> ctl = RunningAppliance.ctlCommand(home.resolve("ctl.sock"), "iptables", "-S");
            String before = Proc.exec(ctl, null).out();
            // A rule added since: the reload gives the config's rules, not these plus the config's again.
            assertOk(Proc.exec(RunningAppliance.ctlCommand(home.resolve("ctl.sock"), "iptables", "-A", "INPUT", "-s",
                    "10.1.2.3", "-j", "DROP"), null));
            for (int i = 0; i < 2; i++) {
                hangup(appliance);
                assertEquals("RELOADING=1|STATUS=reloading|", messages.next());
                String reloaded = messages.next();
                assertTrue(reloaded.startsWith("READY=1|STATUS=reloaded " + config) && reloaded.contains("3 rules"),
                        reloaded);
                assertEquals(before, Proc.exec(ctl, null).out());
            }
            // A failing line: the rules stay, the line is named.
            Files.writeString(config, "iptables -A INPUT -p tcp --dport 80 -j ACCEPT\n"
                    + "iptables -A INPUT -p tcp --dport eighty -j ACCEPT\n");
            hangup(appliance);
            assertEquals("RELOADING=1|STATUS=reloading|", messages.next());
            String failed = messages.next();
            assertTrue(failed.startsWith("READY=1|STATUS=reload FAILED: " + config + ": line 2 (iptables): "), failed);
            assertEquals(before, Proc.exec(ctl, null).out());
            assertTrue(Files.readString(home.resolve("run.log")).contains("<3>pkttables: reload FAILED: " + config),
                    "under systemd the log line has the journal's error priority");
        });
    }

    @Test
    void aBootConfigThatFailsKeepsThePortsClosedAndSaysSo() throws Exception {
        Path home = lab.home();
        Path config = config("broken.conf", "iptables -P FORWARD DROP\n"
                + "iptables -A FORWARD -p tcp --dport nope -j ACCEPT\n"
                + "iptables -A FORWARD -p tcp --dport 80 -j ACCEPT\n");
        underSystemd(config, null, (appliance, messages, ready) -> {
            assertTrue(ready.startsWith("READY=1|STATUS=boot FAILED CLOSED, ports closed (see status); "), ready);
            Proc.Result status = Proc.exec(RunningAppliance.ctlCommand(home.resolve("ctl.sock"), "status"), null);
            assertEquals(3, status.exit(), status.out());
            assertTrue(status.out().startsWith("boot: FAILED CLOSED, config " + config), status.out());
            assertTrue(status.out().contains(config + ": line 2 (exit 2): iptables -A FORWARD -p tcp --dport nope"),
                    status.out());
            String log = Files.readString(home.resolve("run.log"));
            assertTrue(log.contains("<3>pkttables: boot: FAILED CLOSED, config " + config), log);
        });
    }

    /**
     * {@code bin/pkttables run --config CONFIG} as systemd starts it ({@code NOTIFY_SOCKET}, and
     * {@code WATCHDOG_USEC} unless null), output in {@code HOME/run.log}.
     */
    private static Process runUnder(SystemdReceiver systemd, Path home, Path config, String watchdogUsec)
            throws java.io.IOException {
        ProcessBuilder pb = new ProcessBuilder(RunningAppliance.BIN.toString(), "run", "--deploy",
                home.resolve("deploy").toString(), "--state", home.resolve("state").toString(), "--socket",
                home.resolve("ctl.sock").toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(home.resolve("run.log").toFile());
        pb.environment().put("PKTTABLES_HOME", home.toString());
        pb.environment().put("NOTIFY_SOCKET", systemd.path());
        if (watchdogUsec != null) {
            pb.environment().put("WATCHDOG_USEC", watchdogUsec);
        }
        return pb.start();
    }

    /** What a test does with the appliance it runs under systemd's notify socket. */
    private interface UnderSystemd {
        /** @param ready the first message, READY=1 once the config is loaded (or failed closed) */
        void run(Process appliance, SystemdReceiver messages, String ready) throws Exception;
    }

    /** Runs the appliance with {@code config} under a notify socket for {@code test}, and kills it after. */
    private void underSystemd(Path config, String watchdogUsec, UnderSystemd test) throws Exception {
        Path home = lab.home();
        Process appliance = null;
        try (SystemdReceiver messages = new SystemdReceiver(home.resolve("notify.sock"))) {
            appliance = runUnder(messages, home, config, watchdogUsec);
            test.run(appliance, messages, ready(messages));
        } finally {
            kill(appliance);
        }
    }

    /**
     * The lab's config file {@code name} holding {@code text}; the test is skipped without python3, which
     * binds systemd's datagram socket.
     */
    private Path config(String name, String text) throws IOException {
        assumeTrue(Lab.onPath("python3"), "SystemdNotifyIT binds systemd's datagram socket with python3: skipped");
        return Files.writeString(lab.home().resolve(name), text);
    }

    /** The first message of a run, READY=1 once the config is loaded (or failed closed). */
    private String ready(SystemdReceiver messages) throws Exception {
        String ready = messages.poll(120);
        assertNotNull(ready, "no READY=1 within 120 s: " + Files.readString(lab.home().resolve("run.log")));
        return ready;
    }

    private static void kill(Process appliance) {
        if (appliance != null) {
            appliance.descendants().forEach(ProcessHandle::destroyForcibly);
            appliance.destroyForcibly();
        }
    }

    private static String filter(String... rules) {
        return "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + String.join("\n", rules) + "\nCOMMIT\n";
    }

    private static void hangup(Process appliance) throws Exception {
        assertOk(Proc.exec(List.of("kill", "-HUP", Long.toString(appliance.pid())), null));
    }

    @Test
    void noNotificationsWithoutNotifySocket() throws Exception {
        // The plain launcher (no NOTIFY_SOCKET) starts as before: the control socket answers.
        RunningAppliance a = lab.start("run");
        assertOk(a.ctl("ping"));
        assertTrue(!Files.readString(lab.home().resolve("run.log")).contains("NOTIFY_SOCKET"));
    }
}
