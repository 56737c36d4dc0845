package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail closed at boot without root (issue 11, finding 1; the traffic side is {@code BootFailsClosedNetnsIT}):
 * a state file with one Latin-1 byte no longer stops the appliance with "Input length = 3"; it starts,
 * keeps the bad file, and {@code status} names file, line and column and exits 3. A {@code --config}
 * script with a failing line fails closed too: nothing is saved over the state, and a change made then is
 * reported as not saved.
 */
class BootFailsClosedIT {
    private static final Path ROOT = Proc.ROOT;

    @TempDir
    Path home;
    private Process appliance;

    @AfterEach
    void stop() throws InterruptedException {
        if (appliance != null && appliance.isAlive()) {
            appliance.destroy();
            if (!appliance.waitFor(30, TimeUnit.SECONDS)) {
                appliance.destroyForcibly();
            }
        }
    }

    @Test
    void aStateFileThatIsNotUtf8IsNamedInStatusAndTheBootFailsClosed() throws Exception {
        Path state = Files.createDirectories(home.resolve("state"));
        Path v4 = state.resolve("rules.v4");
        Files.write(v4, "*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment caf\u00e9 -j ACCEPT\nCOMMIT\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        start();
        Proc.Result status = ctl("status");
        assertEquals(3, status.exit(), status.out());
        assertTrue(status.out().startsWith("boot: FAILED CLOSED"), status.out());
        assertTrue(status.out().contains(v4 + ": line 3, column 34 (byte offset 59): not UTF-8 (byte 0xe9)"),
                status.out());
        assertTrue(Files.readString(home.resolve("run.log")).contains("pkttables: boot: FAILED CLOSED"));
        try (var files = Files.list(state)) {
            // Besides the appliance's lock (held while it runs), only the set-aside file: nothing written.
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lock")).sorted()
                    .toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).startsWith("rules.v4.rejected-"), names.toString());
            assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(state.resolve(names.get(0))));
        }
        Proc.Result change = ctl("iptables", "-A", "INPUT", "-j", "ACCEPT");
        assertEquals(1, change.exit(), "a change while failed closed is not acknowledged as saved: " + change.err());
        assertTrue(change.err().contains("committed, but NOT saved to disk: the boot failed closed"), change.err());
        appliance.destroy();
        assertTrue(appliance.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(v4), "nothing is saved while failed closed, not even at stop");
    }

    @Test
    void aConfigWithAFailingLineFailsClosedAndSavesNothing() throws Exception {
        Path state = Files.createDirectories(home.resolve("state"));
        String good = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";
        Files.writeString(state.resolve("rules.v4"), good);
        Path config = home.resolve("pkttables.conf");
        Files.writeString(config, "iptables -P INPUT DROP\niptables -A INPUT -j NOSUCHTARGET\niptables -P FORWARD DROP\n");
        start("--config", config.toString());
        Proc.Result status = ctl("status");
        assertEquals(3, status.exit(), status.out());
        assertTrue(status.out().startsWith("boot: FAILED CLOSED, config " + config), status.out());
        assertTrue(status.out().contains("line 2 (exit "), status.out());
        assertEquals(0, ctl("ping").exit());
        appliance.destroy();
        assertTrue(appliance.waitFor(30, TimeUnit.SECONDS));
        assertEquals(good, Files.readString(state.resolve("rules.v4")), "the half-run config is not saved over the state");
    }

    private void start(String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/pkttables").toString(), "run", "--deploy",
                home.resolve("deploy").toString(), "--state", home.resolve("state").toString(), "--socket",
                home.resolve("pkt.sock").toString()));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true)
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

    private Proc.Result ctl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/pkttables").toString(), "ctl", "--socket",
                home.resolve("pkt.sock").toString()));
        cmd.addAll(List.of(args));
        return Proc.exec(cmd, null);
    }
}
