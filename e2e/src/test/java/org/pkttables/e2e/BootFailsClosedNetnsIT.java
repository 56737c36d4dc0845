package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.uid;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Fail closed at boot, on real interfaces (issue 11, finding 1): a bridge in a network-namespace lab
 * ({@link Lab#threeNamespaces}) with a saved ruleset (FORWARD policy DROP, TCP to and from port 8080
 * allowed; a python3 TCP connect is the traffic). Its state file
 * is then made unreadable (a Latin-1 byte, as an old iptables-save may leave it): with no last good copy
 * the restarted appliance keeps its ports closed (no connection passes, {@code ports} shows no bridge) and
 * {@code status} names the file and the error and exits 3; once a good copy exists (a boot that loaded
 * it), the same corruption brings the last good ruleset back into force instead, policy DROP included.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootFailsClosedNetnsIT {
    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pkbf" + id + "c";
    private final String nsF = "pkbf" + id + "f";
    private final String nsS = "pkbf" + id + "s";
    private final String vC = "pb" + id + "c0";
    private final String vF0 = "pb" + id + "f0";
    private final String vF1 = "pb" + id + "f1";
    private final String vS = "pb" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;
    private Process appliance;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "BootFailsClosedNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
        assumeTrue(onPath("ip") && onPath("python3"), "BootFailsClosedNetnsIT needs iproute2 and python3: skipped");
        Lab.assumeInstalled("BootFailsClosedNetnsIT", "libpcap0.8");
        home = Files.createTempDirectory("pkt-e2e-bootclosed");
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        Lab.noIpv6(nsF);
        sh("ip", "-n", nsC, "addr", "add", "10.78.0.1/24", "dev", vC);
        sh("ip", "-n", nsS, "addr", "add", "10.78.0.2/24", "dev", vS);
        for (String[] l : new String[][] {{nsC, vC}, {nsS, vS}, {nsF, vF0}, {nsF, vF1}}) {
            sh("ip", "-n", l[0], "link", "set", l[1], "up");
        }
        Lab.background(home, processes, "http", "ip", "netns", "exec", nsS, "python3", "-m", "http.server", "8080",
                "--bind", "10.78.0.2", "--directory", home.toString());
        Lab.waitFor("the HTTP server to listen", () -> Lab.inNs(nsS, "python3", "-c",
                "import socket; socket.create_connection(('10.78.0.2', 8080), 1).close()").exit() == 0);
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (home != null) {
            Lab.tearDown(processes, namespaces, home);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aCorruptStateFileKeepsTrafficBlockedOrBringsTheLastGoodRulesetBack() throws Exception {
        Path state = home.resolve("state");
        Path v4 = state.resolve("rules.v4");

        // 1. A first boot (nothing saved yet): the bridge opens, the ruleset is set and saved.
        start("first");
        awaitBridge();
        assertOk(ctl("iptables", "-P", "FORWARD", "DROP"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "8080", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-p", "tcp", "--sport", "8080", "-j", "ACCEPT"));
        assertPasses(connect(), "TCP to 8080 passes the saved ruleset");
        // Acknowledged changes are in the journal; a clean stop writes them into rules.v4 (a checkpoint).
        stop();
        String saved = Files.readString(v4);
        assertTrue(saved.contains(":FORWARD DROP") && saved.contains("-A FORWARD -p tcp -m tcp --dport 8080 -j ACCEPT"),
                saved);

        // 2. Corrupt: one Latin-1 byte. No last good copy exists (the first boot loaded no file).
        assertFalse(Files.exists(state.resolve("rules.v4.last-good")));
        Files.write(v4, (saved + "# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        start("corrupt");
        Proc.Result status = awaitStatus();
        assertEquals(3, status.exit(), status.out() + status.err());
        assertTrue(status.out().startsWith("boot: FAILED CLOSED"), status.out());
        assertTrue(status.out().contains(v4 + " rejected: " + v4 + ": line ") && status.out().contains("not UTF-8")
                && status.out().contains("no rules.v4.last-good"), "status names the file and the error: "
                + status.out());
        Thread.sleep(3000); // give a (wrongly) opening bridge time to attach before proving it did not
        assertFalse(ctl("ports").out().startsWith("bridge:"), "the ports stay closed: " + ctl("ports").out());
        assertNotEquals(0, connect().exit(), "no traffic passes while the state is unreadable");
        assertTrue(Lab.log(home, "corrupt").contains("pkttables: boot: FAILED CLOSED"), "logged: "
                + Lab.log(home, "corrupt"));
        assertFalse(Files.exists(v4), "the bad file is set aside, no empty file written over it");
        Path rejected;
        try (Stream<Path> files = Files.list(state)) {
            rejected = files.filter(p -> p.getFileName().toString().startsWith("rules.v4.rejected-")).findFirst()
                    .orElseThrow();
        }
        stop();

        // 3. The good file back: it loads, and is kept as the last good copy.
        Files.writeString(v4, saved);
        start("good");
        awaitBridge();
        assertPasses(connect(), "the good file loads");
        assertTrue(Files.exists(state.resolve("rules.v4.last-good")));
        stop();

        // 4. Corrupt again: the last good ruleset is in force (policy DROP, TCP to 8080 allowed), status says so.
        Files.write(v4, (saved + "-A FORWARD -j NOSUCHTARGET\n").getBytes(StandardCharsets.UTF_8));
        start("degraded");
        awaitBridge();
        status = ctl("status");
        assertEquals(3, status.exit(), status.out());
        assertTrue(status.out().startsWith("boot: DEGRADED") && status.out().contains("loaded rules.v4.last-good instead"),
                status.out());
        String rules = ctl("iptables", "-S", "FORWARD").out();
        assertTrue(rules.contains("-P FORWARD DROP") && rules.contains("-A FORWARD -p tcp -m tcp --dport 8080 -j ACCEPT"),
                rules);
        assertPasses(connect(), "the last good ruleset lets TCP to 8080 through");
        try (Stream<Path> files = Files.list(state)) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("rules.v4.rejected-")).count(),
                    "the second rejection did not overwrite the first");
        }
        assertTrue(Files.exists(rejected));
        stop();
    }

    private static void assertPasses(Proc.Result r, String what) {
        assertEquals(0, r.exit(), what + ": " + r.out() + r.err());
    }

    /** A TCP connection from the client to the server's port 8080 (exit 0 when it was established). */
    private Proc.Result connect() throws Exception {
        return Lab.inNs(nsC, "python3", "-c", "import socket; socket.create_connection(('10.78.0.2', 8080), 4).close()");
    }

    private Proc.Result ctl(String... args) throws Exception {
        return Lab.ctl(home, args);
    }

    private void start(String name) throws Exception {
        appliance = Lab.background(home, processes, name, "ip", "netns", "exec", nsF, "env",
                "PKTTABLES_HOME=" + home, Proc.ROOT.resolve("bin/pkttables").toString(), "run", "--bridge",
                vF0 + "," + vF1, "--workers", "1", "--socket", home.resolve("ctl.sock").toString(), "--state",
                home.resolve("state").toString(), "--deploy", home.resolve("deploy").toString());
    }

    /** Waits until the control socket answers {@code status} (the boot has finished loading). */
    private Proc.Result awaitStatus() throws Exception {
        long end = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < end) {
            assertTrue(appliance.isAlive(), "the appliance exited");
            Proc.Result r = ctl("status");
            if (r.out().startsWith("boot:")) {
                return r;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the appliance did not answer");
    }

    private void awaitBridge() throws Exception {
        awaitStatus();
        String ports = "";
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            ports = ctl("ports").out();
            if (ports.startsWith("bridge: 2 ports")) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the bridge did not come up: " + ports);
    }

    private void stop() throws Exception {
        appliance.destroy();
        assertTrue(appliance.waitFor(30, TimeUnit.SECONDS), "the appliance stops on SIGTERM");
        processes.remove(appliance);
    }
}
