package org.pkttables.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.io.impl.ReplayCommand;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;
import org.pkttables.io.workers.ThrowingDport;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/** {@code replay} through a rule whose match throws: those packets are dropped and reported, the rest replay. */
class ReplayFaultTest {
    @Test
    void theSummaryNamesTheRuleAndExtensionInsteadOfAnInternalError(@TempDir Path dir) throws Exception {
        Harness h = new Harness().with(new Ipv4Handler(), new TcpMatchType(), new ThrowingDport());
        h.with(new ReplayCommand(h.ruleset()));
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp --dport 22 -j ACCEPT").exit());
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp -m throwing --at 80 -j ACCEPT").exit());
        Path pcap = dir.resolve("t.pcap");
        try (PcapWriter w = new PcapWriter(pcap, PcapReader.LINKTYPE_ETHERNET)) {
            for (int i = 0; i < 6; i++) {
                byte[] f = Frames.ipv4("10.0.0.1", "10.0.0.2").tcp(40000 + i, i % 3 == 0 ? 80 : i % 3 == 1 ? 22 : 443)
                        .build();
                w.write(i, f, 0, f.length);
            }
        }
        Result r = h.run("replay", pcap.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  verdicts: 4 accepted, 2 dropped (0 rejected, 0 malformed, 0 fail-closed)\n"),
                r.out());
        assertTrue(r.out().contains("  faults: 2 packets dropped because an extension threw\n"
                + "    ipv4 filter FORWARD rule 2: match throwing threw java.lang.IllegalStateException: throwing match "
                + "at port 80; 2 packets dropped\n"), r.out());
        Result json = h.run("replay", "--json", pcap.toString());
        assertTrue(json.out().contains("\"failClosed\":0,\"faults\":2"), json.out());
        assertEquals(4, h.ruleset().faultDrops(), "counted as on the packet path");
    }
}
