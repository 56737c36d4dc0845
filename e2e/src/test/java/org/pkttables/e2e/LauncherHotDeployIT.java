package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;
import org.pkttables.tables.testing.Frames;

/**
 * The appliance as an operator runs it: {@code bin/pkttables run} in the background, {@code ctl} to
 * talk to it, an extension jar dropped into the deploy folder and taken away again. The rule that
 * uses it stays listed and fails closed while the extension is gone, rebinds with its counters when it
 * returns, and the ruleset survives a restart.
 */
class LauncherHotDeployIT {
    private static final Path ROOT = Proc.ROOT;
    private static final long WAIT_MS = 60_000;

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
    void extensionComesAndGoesWhileTheApplianceRuns() throws Exception {
        Path deploy = Files.createDirectories(home.resolve("deploy"));
        Path jar = portparityJar();
        Path pcap = home.resolve("udp.pcap");
        writeUdp(pcap);
        start();

        assertOk(ctl("iptables", "-P", "INPUT", "DROP"));
        List<String> rule = List.of("iptables", "-A", "INPUT", "-p", "udp", "-m", "portparity", "--sport-parity",
                "odd", "-j", "ACCEPT");
        Proc.Result unknown = ctl(rule.toArray(new String[0]));
        assertNotEquals(0, unknown.exit());
        assertTrue(unknown.err().contains("portparity"), unknown.err());

        Files.copy(jar, deploy.resolve("ext.portparity.jar"));
        waitFor("portparity to be listed by `ext list`", () -> extList().contains("portparity"));
        assertOk(ctl(rule.toArray(new String[0])));
        assertTrue(replay(pcap).contains("\"accepted\":5,\"dropped\":5"), "odd ports accepted, even dropped");

        Files.delete(deploy.resolve("ext.portparity.jar"));
        waitFor("portparity to leave `ext list`", () -> !extList().contains("portparity"));
        String listed = ctl("iptables", "-S", "INPUT").out();
        assertTrue(listed.contains("-A INPUT -p udp -m portparity --sport-parity odd -j ACCEPT"), listed);
        String closed = replay(pcap);
        assertTrue(closed.contains("\"accepted\":0,\"dropped\":10") && closed.contains("\"failClosed\":10"),
                "every packet reaching the orphaned rule is dropped and counted: " + closed);

        Files.copy(jar, deploy.resolve("ext.portparity.jar"), StandardCopyOption.REPLACE_EXISTING);
        waitFor("portparity to come back", () -> extList().contains("portparity"));
        assertTrue(replay(pcap).contains("\"accepted\":5,\"dropped\":5"), "the rule rebound");
        String counted = ctl("iptables", "-S", "INPUT", "-v").out();
        assertTrue(counted.contains("--sport-parity odd -j ACCEPT -c 20 "), "counters kept across the outage: "
                + counted);

        appliance.destroy();
        assertTrue(appliance.waitFor(30, TimeUnit.SECONDS), "appliance stops on SIGTERM");
        start();
        String restored = ctl("iptables", "-S", "INPUT").out();
        assertTrue(restored.contains("-P INPUT DROP") && restored.contains("--sport-parity odd -j ACCEPT"),
                "ruleset restored from the state dir: " + restored);
    }

    private void start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/pkttables").toString(), "run", "--deploy",
                home.resolve("deploy").toString(), "--state", home.resolve("state").toString(), "--socket",
                socket().toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("run.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        appliance = pb.start();
        waitFor("the control socket to answer", () -> {
            try {
                return ctl("iptables", "-S").exit() == 0;
            } catch (Exception e) {
                return false;
            }
        });
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

    private String extList() {
        try {
            return ctl("ext", "list").out();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String replay(Path pcap) throws IOException, InterruptedException {
        Proc.Result r = ctl("replay", "--path", "input", "-i", "eth0", "--json", pcap.toString());
        assertOk(r);
        return r.out();
    }

    private void waitFor(String what, BooleanSupplier condition) throws IOException {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (System.currentTimeMillis() < end) {
            if (appliance != null && !appliance.isAlive()) {
                throw new AssertionError("appliance exited while waiting for " + what + ":\n"
                        + Files.readString(home.resolve("run.log")));
            }
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + ":\n" + Files.readString(home.resolve("run.log")));
    }

    private static void assertOk(Proc.Result r) {
        assertEquals(0, r.exit(), r.err());
    }

    private static Path portparityJar() throws IOException {
        try (DirectoryStream<Path> d = Files.newDirectoryStream(ROOT.resolve("examples/ext.portparity/target"),
                "ext.portparity-*.jar")) {
            for (Path p : d) {
                return p;
            }
        }
        throw new AssertionError("examples/ext.portparity is not built");
    }

    /** Five UDP packets from odd source ports, five from even ones. */
    private static void writeUdp(Path pcap) throws IOException {
        try (PcapWriter w = new PcapWriter(pcap, PcapReader.LINKTYPE_ETHERNET)) {
            for (int i = 0; i < 10; i++) {
                byte[] f = Frames.ipv4("192.0.2.1", "10.0.0.1").udp(40000 + i, 53).build();
                w.write(i * 1_000_000L, f, 0, f.length);
            }
        }
    }
}
