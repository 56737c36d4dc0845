package org.pkttables.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.conntrack.impl.ConfirmHook;
import org.pkttables.conntrack.impl.ConntrackCommand;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.conntrack.impl.ConntrackHook;
import org.pkttables.io.impl.ReplayCommand;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.nat.NatServices;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * {@code replay} through a ruleset with nat rules runs connection tracking and NAT as the appliance does:
 * the nat rule counts each connection's first packet only, the summary lists the translations (both
 * directions), and {@code --out} holds the rewritten frames, byte for byte as frames built with the
 * translated addresses (checksums included).
 */
class NatReplayTest {
    @TempDir
    Path dir;

    private static byte[] udp(String src, String dst, int sp, int dp) {
        return Frames.ipv4(src, dst).udp(sp, dp).payload("replayed").build();
    }

    @Test
    void natRulesCountFirstPacketsAndTheTranslationsAreShownAndWritten() throws IOException {
        ConntrackEngine engine = new ConntrackEngine(1024, 5, System::currentTimeMillis);
        Harness h = new Harness().with(new Ipv4Handler()).with(new ConntrackCommand(engine));
        h.with(new ConntrackHook(engine), ConntrackHook.properties("ipv4"));
        h.with(new ConfirmHook(engine), ConfirmHook.properties("ipv4"));
        NatServices nat = new NatServices(h.ruleset());
        h.with(nat.targets().toArray());
        nat.hooks().forEach(h::with);
        engine.setNatPresent(true);
        h.with(new ReplayCommand(h.ruleset()));
        assertEquals(0, h.sh("iptables -t nat -A POSTROUTING -o eth1 -s 10.0.0.0/24 -j SNAT --to-source 203.0.113.1")
                .exit());
        List<byte[]> frames = List.of(udp("10.0.0.2", "198.51.100.7", 5000, 53),
                udp("10.0.0.2", "198.51.100.7", 5000, 53), udp("10.0.0.3", "198.51.100.7", 6000, 53),
                udp("192.0.2.9", "198.51.100.7", 7000, 53));
        Path pcap = dir.resolve("in.pcap");
        try (PcapWriter w = new PcapWriter(pcap, PcapReader.LINKTYPE_ETHERNET)) {
            long t = 1;
            for (byte[] f : frames) {
                w.write(t++, f, 0, f.length);
            }
        }
        Path written = dir.resolve("out.pcap");
        Result r = h.run("replay", "--out", written.toString(), pcap.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  translated (nat): 3 packets\n"
                + "    udp 10.0.0.2:5000 -> 198.51.100.7:53 => 203.0.113.1:5000 -> 198.51.100.7:53 (2 packets)\n"
                + "    udp 10.0.0.3:6000 -> 198.51.100.7:53 => 203.0.113.1:6000 -> 198.51.100.7:53 (1 packet)\n"),
                r.out());
        String counters = h.sh("iptables -t nat -L POSTROUTING -v -n -x").out();
        assertTrue(counters.contains("\n       2       ") && counters.contains("SNAT"),
                "two connections' first packets hit the rule: " + counters);
        List<byte[]> out = new ArrayList<>();
        try (PcapReader rd = new PcapReader(written)) {
            while (rd.next()) {
                out.add(Arrays.copyOf(rd.buffer(), rd.length()));
            }
        }
        assertEquals(4, out.size());
        assertArrayEquals(udp("203.0.113.1", "198.51.100.7", 5000, 53), out.get(0));
        assertArrayEquals(udp("203.0.113.1", "198.51.100.7", 5000, 53), out.get(1));
        assertArrayEquals(udp("203.0.113.1", "198.51.100.7", 6000, 53), out.get(2));
        assertArrayEquals(udp("192.0.2.9", "198.51.100.7", 7000, 53), out.get(3), "not matched: untouched");
        Result json = h.run("replay", "--json", pcap.toString());
        assertTrue(json.out().contains("\"translated\":3,\"translations\":[{\"from\":\"udp 10.0.0.2:5000 -> "
                + "198.51.100.7:53\",\"to\":\"203.0.113.1:5000 -> 198.51.100.7:53\",\"packets\":2}"), json.out());
    }
}
