package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fail closed at boot without root (issue 11, finding 1; the traffic side is {@code BootFailsClosedNetnsIT}):
 * a state file with one Latin-1 byte no longer stops the appliance with "Input length = 3"; it starts,
 * keeps the bad file, and {@code status} names file, line and column and exits 3. A {@code --config}
 * script with a failing line fails closed too: nothing is saved over the state, and a change made then is
 * reported as not saved.
 */
class BootFailsClosedIT {
    @RegisterExtension
    final Lab lab = Lab.launcher();
    private RunningAppliance appliance;

    @Test
    void aStateFileThatIsNotUtf8IsNamedInStatusAndTheBootFailsClosed() throws Exception {
        Path state = Files.createDirectories(lab.home().resolve("state"));
        Path v4 = state.resolve("rules.v4");
        Files.write(v4, "*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment caf\u00e9 -j ACCEPT\nCOMMIT\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        appliance = lab.start("run");
        Proc.Result status = appliance.ctl("status");
        assertEquals(3, status.exit(), status.out());
        assertTrue(status.out().startsWith("boot: FAILED CLOSED"), status.out());
        assertTrue(status.out().contains(v4 + ": line 3, column 34 (byte offset 59): not UTF-8 (byte 0xe9)"),
                status.out());
        assertTrue(appliance.log().contains("pkttables: boot: FAILED CLOSED"));
        try (var files = Files.list(state)) {
            // Besides the appliance's lock (held while it runs), only the set-aside file: nothing written.
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("lock")).sorted()
                    .toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).startsWith("rules.v4.rejected-"), names.toString());
            assertEquals(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(state.resolve(names.get(0))));
        }
        Proc.Result change = appliance.ctl("iptables", "-A", "INPUT", "-j", "ACCEPT");
        assertEquals(1, change.exit(), "a change while failed closed is not acknowledged as saved: " + change.err());
        assertTrue(change.err().contains("committed, but NOT saved to disk: the boot failed closed"), change.err());
        appliance.stop();
        assertFalse(Files.exists(v4), "nothing is saved while failed closed, not even at stop");
    }

    @Test
    void aConfigWithAFailingLineFailsClosedAndSavesNothing() throws Exception {
        Path state = Files.createDirectories(lab.home().resolve("state"));
        String good = "*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";
        Files.writeString(state.resolve("rules.v4"), good);
        Path config = lab.home().resolve("pkttables.conf");
        Files.writeString(config, "iptables -P INPUT DROP\niptables -A INPUT -j NOSUCHTARGET\niptables -P FORWARD DROP\n");
        appliance = lab.start("run", "--config", config.toString());
        Proc.Result status = appliance.ctl("status");
        assertEquals(3, status.exit(), status.out());
        assertTrue(status.out().startsWith("boot: FAILED CLOSED, config " + config), status.out());
        assertTrue(status.out().contains("line 2 (exit "), status.out());
        assertEquals(0, appliance.ctl("ping").exit());
        appliance.stop();
        assertEquals(good, Files.readString(state.resolve("rules.v4")), "the half-run config is not saved over the state");
    }
}
