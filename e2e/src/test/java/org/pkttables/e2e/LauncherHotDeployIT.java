package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    @RegisterExtension
    final Lab lab = Lab.launcher();
    private RunningAppliance appliance;

    @Test
    void extensionComesAndGoesWhileTheApplianceRuns() throws Exception {
        Path deploy = lab.home().resolve("deploy");
        Path jar = Proc.builtJar("examples/ext.portparity");
        Path pcap = lab.home().resolve("udp.pcap");
        writeUdp(pcap);
        start();

        assertOk(appliance.ctl("iptables", "-P", "INPUT", "DROP"));
        List<String> rule = List.of("iptables", "-A", "INPUT", "-p", "udp", "-m", "portparity", "--sport-parity",
                "odd", "-j", "ACCEPT");
        Proc.Result unknown = appliance.ctl(rule.toArray(new String[0]));
        assertNotEquals(0, unknown.exit());
        assertTrue(unknown.err().contains("portparity"), unknown.err());

        Files.copy(jar, deploy.resolve("ext.portparity.jar"));
        waitFor("portparity to be listed by `ext list`", () -> extList().contains("portparity"), 60);
        assertOk(appliance.ctl(rule.toArray(new String[0])));
        assertTrue(replay(pcap).contains("\"accepted\":5,\"dropped\":5"), "odd ports accepted, even dropped");

        Files.delete(deploy.resolve("ext.portparity.jar"));
        waitFor("portparity to leave `ext list`", () -> !extList().contains("portparity"), 60);
        String listed = appliance.ctl("iptables", "-S", "INPUT").out();
        assertTrue(listed.contains("-A INPUT -p udp -m portparity --sport-parity odd -j ACCEPT"), listed);
        String closed = replay(pcap);
        assertTrue(closed.contains("\"accepted\":0,\"dropped\":10") && closed.contains("\"failClosed\":10"),
                "every packet reaching the orphaned rule is dropped and counted: " + closed);

        Files.copy(jar, deploy.resolve("ext.portparity.jar"), StandardCopyOption.REPLACE_EXISTING);
        waitFor("portparity to come back", () -> extList().contains("portparity"), 60);
        assertTrue(replay(pcap).contains("\"accepted\":5,\"dropped\":5"), "the rule rebound");
        String counted = appliance.ctl("iptables", "-S", "INPUT", "-v").out();
        assertTrue(counted.contains("--sport-parity odd -c 20 "), "counters kept across the outage: "
                + counted);

        appliance.stop();
        start();
        String restored = appliance.ctl("iptables", "-S", "INPUT").out();
        assertTrue(restored.contains("-P INPUT DROP") && restored.contains("--sport-parity odd -j ACCEPT"),
                "ruleset restored from the state dir: " + restored);
    }

    private void start() throws Exception {
        appliance = lab.launch("run");
        appliance.awaitCtl("the control socket to answer", 60, r -> r.exit() == 0, "iptables", "-S");
    }

    private String extList() throws Exception {
        return appliance.ctl("ext", "list").out();
    }

    private String replay(Path pcap) throws IOException, InterruptedException {
        Proc.Result r = appliance.ctl("replay", "--path", "input", "-i", "eth0", "--json", pcap.toString());
        assertOk(r);
        return r.out();
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
