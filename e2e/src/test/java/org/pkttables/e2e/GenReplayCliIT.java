package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pkttables gen} and {@code bin/pkttables replay} offline, no root needed: a seeded pcap, then
 * a stateful ruleset over it (conntrack in the replay as in the appliance), text and JSON reports, and
 * the accepted frames written out.
 */
class GenReplayCliIT {
    private static final Path BIN = Proc.ROOT.resolve("bin/pkttables");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void genThenReplayWithConntrack() throws Exception {
        Path pcap = dir.resolve("dns.pcap");
        Proc.Result g = Proc.exec(List.of(BIN.toString(), "gen", "--profile", "dns", "--count", "100", "--clients",
                "10.1.0.0/24", "--client-order", "seq", "--servers", "10.2.0.53", "--pcap", pcap.toString()), null);
        assertOk(g);
        assertEquals("gen dns: 100 flows, 200 frames, 24400 bytes -> " + pcap + "\n"
                + "  profile dns: udp dport 53, 40 bytes client->server, 120 bytes back\n", g.out());
        // replies are only let through by conntrack; clients .1-.10 are refused
        Path rules = dir.resolve("rules.v4");
        Files.writeString(rules, String.join("\n", "*filter", ":INPUT ACCEPT [0:0]", ":FORWARD DROP [0:0]",
                ":OUTPUT ACCEPT [0:0]", "-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A FORWARD -m iprange --src-range 10.1.0.1-10.1.0.10 -j DROP",
                "-A FORWARD -p udp -m udp --dport 53 -j ACCEPT", "COMMIT", ""));
        Path out = dir.resolve("accepted.pcap");
        Proc.Result r = Proc.exec(List.of(BIN.toString(), "replay", "--rules", rules.toString(), "--pcap",
                pcap.toString(), "--out", out.toString()), null);
        assertOk(r);
        assertTrue(r.out().contains("  verdicts: 180 accepted, 20 dropped (0 rejected, 0 malformed, 0 fail-closed)\n"),
                r.out());
        // packet counts (byte counts depend on what the core counts: frame or IP length)
        assertTrue(r.out().contains(":FORWARD DROP [10:"), r.out());
        assertTrue(r.out().matches("(?s).*\\[90:[0-9]+\\] -A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*\\[10:[0-9]+\\] -A FORWARD -m iprange --src-range 10.1.0.1-10.1.0.10 -j DROP\n.*"),
                r.out());
        assertTrue(r.out().matches("(?s).*\\[90:[0-9]+\\] -A FORWARD -p udp -m udp --dport 53 -j ACCEPT\n.*"), r.out());
        assertEquals(24 + 90 * (16 + 82) + 90 * (16 + 162), Files.size(out));

        Proc.Result j = Proc.exec(List.of(BIN.toString(), "replay", "--rules", rules.toString(), "--pcap",
                pcap.toString(), "--json"), null);
        assertOk(j);
        assertTrue(j.out().contains("\"accepted\":180,\"dropped\":20,"), j.out());
        assertTrue(j.out().contains("{\"family\":\"ipv4\",\"table\":\"filter\",\"chain\":\"FORWARD\",\"rule\":"
                + "\"-A FORWARD -p udp -m udp --dport 53 -j ACCEPT\",\"packets\":90,\"bytes\":"), j.out());

        Proc.Result bad = Proc.exec(List.of(BIN.toString(), "gen", "--profile", "x: udp dport 53, 4 bytes sideways"),
                null);
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("gen: --profile line 1: `sideways': expected a direction"), bad.err());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void replayStopsWhenItsRulesFileDoesNotLoad() throws Exception {
        Path pcap = dir.resolve("dns.pcap");
        assertOk(Proc.exec(List.of(BIN.toString(), "gen", "--profile", "dns", "--count", "5", "--pcap",
                pcap.toString()), null));
        Path rules = dir.resolve("rules.v4");
        // A Latin-1 byte in a comment, as an old iptables-save may leave it: not UTF-8, refused whole.
        Files.write(rules, ("*filter\n:FORWARD DROP [0:0]\n-A FORWARD -m comment --comment caf\u00e9 -j DROP\n"
                + "COMMIT\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Proc.Result r = Proc.exec(List.of(BIN.toString(), "replay", "--rules", rules.toString(), "--pcap",
                pcap.toString()), null);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(rules + ": line 3, column 36 (byte offset 63): not UTF-8 (byte 0xe9)"), r.err());
        assertTrue(!r.out().contains("verdicts:"), "no replay with empty rules: " + r.out());

        Files.writeString(rules, "*filter\n-A FORWARD -j NOSUCHTARGET\nCOMMIT\n");
        Proc.Result r2 = Proc.exec(List.of(BIN.toString(), "replay", "--rules", rules.toString(), "--pcap",
                pcap.toString(), "--json"), null);
        assertTrue(r2.exit() != 0, r2.out() + r2.err());
        assertTrue(r2.err().contains("iptables-restore"), r2.err());
        assertTrue(!r2.out().contains("\"accepted\""), "no replay with empty rules: " + r2.out());
    }
}
