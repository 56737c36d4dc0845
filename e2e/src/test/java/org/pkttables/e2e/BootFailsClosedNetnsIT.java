package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fail closed at boot, on real interfaces (issue 11, finding 1): a bridge in a network-namespace lab
 * ({@link Lab#bridge}) with a saved ruleset (FORWARD policy DROP, TCP to and from port 8080
 * allowed; a python3 TCP connect is the traffic). Its state file
 * is then made unreadable (a Latin-1 byte, as an old iptables-save may leave it): with no last good copy
 * the restarted appliance keeps its ports closed (no connection passes, {@code ports} shows no bridge) and
 * {@code status} names the file and the error and exits 3; once a good copy exists (a boot that loaded
 * it), the same corruption brings the last good ruleset back into force instead, policy DROP included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootFailsClosedNetnsIT {
    @RegisterExtension
    static final Lab LAB = Lab.bridge().client("10.78.0.1/24").server("10.78.0.2/24").workers(1).needs("python3")
            .startedByTheTest();

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        LAB.httpServer("10.78.0.2", 8080);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aCorruptStateFileKeepsTrafficBlockedOrBringsTheLastGoodRulesetBack() throws Exception {
        Path state = LAB.home().resolve("state");
        Path v4 = state.resolve("rules.v4");

        // 1. A first boot (nothing saved yet): the bridge opens, the ruleset is set and saved.
        RunningAppliance appliance = LAB.launch("first");
        awaitBridge(appliance);
        assertOk(LAB.ctl("iptables", "-P", "FORWARD", "DROP"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "8080", "-j", "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--sport", "8080", "-j", "ACCEPT"));
        assertPasses(connect(), "TCP to 8080 passes the saved ruleset");
        // Acknowledged changes are in the journal; a clean stop writes them into rules.v4 (a checkpoint).
        appliance.stop();
        String saved = Files.readString(v4);
        assertTrue(saved.contains(":FORWARD DROP") && saved.contains("-A FORWARD -p tcp -m tcp --dport 8080 -j ACCEPT"),
                saved);

        // 2. Corrupt: one Latin-1 byte. No last good copy exists (the first boot loaded no file).
        assertFalse(Files.exists(state.resolve("rules.v4.last-good")));
        Files.write(v4, (saved + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        appliance = LAB.launch("corrupt");
        Proc.Result status = awaitStatus(appliance);
        assertEquals(3, status.exit(), status.out() + status.err());
        assertTrue(status.out().startsWith("boot: FAILED CLOSED"), status.out());
        assertTrue(status.out().contains(v4 + " rejected: " + v4 + ": line ") && status.out().contains("not UTF-8")
                && status.out().contains("no rules.v4.last-good"), "status names the file and the error: "
                + status.out());
        Thread.sleep(3000); // give a (wrongly) opening bridge time to attach before proving it did not
        assertFalse(LAB.ctl("ports").out().startsWith("bridge:"), "the ports stay closed: " + LAB.ctl("ports").out());
        assertNotEquals(0, connect().exit(), "no traffic passes while the state is unreadable");
        assertTrue(appliance.log().contains("pkttables: boot: FAILED CLOSED"), "logged: "
                + appliance.log());
        assertFalse(Files.exists(v4), "the bad file is set aside, no empty file written over it");
        Path rejected;
        try (Stream<Path> files = Files.list(state)) {
            rejected = files.filter(p -> p.getFileName().toString().startsWith("rules.v4.rejected-")).findFirst()
                    .orElseThrow();
        }
        appliance.stop();

        // 3. The good file back: it loads, and is kept as the last good copy.
        Files.writeString(v4, saved);
        appliance = LAB.launch("good");
        awaitBridge(appliance);
        assertPasses(connect(), "the good file loads");
        assertTrue(Files.exists(state.resolve("rules.v4.last-good")));
        appliance.stop();

        // 4. Corrupt again: the last good ruleset is in force (policy DROP, TCP to 8080 allowed), status says so.
        Files.write(v4, (saved + "-A FORWARD -j NOSUCHTARGET\n").getBytes(StandardCharsets.UTF_8));
        appliance = LAB.launch("degraded");
        awaitBridge(appliance);
        status = LAB.ctl("status");
        assertEquals(3, status.exit(), status.out());
        assertTrue(status.out().startsWith("boot: DEGRADED") && status.out().contains("loaded rules.v4.last-good instead"),
                status.out());
        String rules = LAB.ctl("iptables", "-S", "FORWARD").out();
        assertTrue(rules.contains("-P FORWARD DROP") && rules.contains("-A FORWARD -p tcp -m tcp --dport 8080 -j ACCEPT"),
                rules);
        assertPasses(connect(), "the last good ruleset lets TCP to 8080 through");
        try (Stream<Path> files = Files.list(state)) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("rules.v4.rejected-")).count(),
                    "the second rejection did not overwrite the first");
        }
        assertTrue(Files.exists(rejected));
        appliance.stop();
    }

    private static void assertPasses(Proc.Result r, String what) {
        assertEquals(0, r.exit(), what + ": " + r.out() + r.err());
    }

    /** A TCP connection from the client to the server's port 8080 (exit 0 when it was established). */
    private Proc.Result connect() throws Exception {
        return LAB.inClient("python3", "-c", "import socket; socket.create_connection(('10.78.0.2', 8080), 4).close()");
    }

    /** Waits until the control socket answers {@code status} (the boot has finished loading). */
    private static Proc.Result awaitStatus(RunningAppliance appliance) throws Exception {
        return appliance.awaitCtl("the appliance to answer `status'", 90, r -> r.out().startsWith("boot:"), "status");
    }

    private static void awaitBridge(RunningAppliance appliance) throws Exception {
        awaitStatus(appliance);
        LAB.awaitPorts(appliance, 60);
    }
}
