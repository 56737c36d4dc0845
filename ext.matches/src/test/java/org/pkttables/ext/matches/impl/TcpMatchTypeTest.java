package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Packets;

class TcpMatchTypeTest {
    private final TcpMatchType type = new TcpMatchType();

    private Args canonical(String line) {
        return type.canonicalize(ExtArgs.parse(type.descriptor(), Family.IPV4, 6, line));
    }

    private String listed(String line) {
        return ExtArgs.text(type.descriptor(), canonical(line));
    }

    private Match match(String line) {
        return type.compile(canonical(line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--syn; --tcp-flags FIN,SYN,RST,ACK SYN",
        "! --syn; ! --tcp-flags FIN,SYN,RST,ACK SYN",
        "--dport 5 --sport 6 --tcp-option 3 ! --syn; --sport 6 --dport 5 --tcp-option 3 ! --tcp-flags FIN,SYN,RST,ACK SYN",
        "--sport 1024:; --sport 1024:65535",
        "--sport :; ''",
        "--tcp-flags NONE NONE; ''",
        "--dport 0x16; --dport 22",
        "--dport 026; --dport 22",
        // iptables-nft 1.8.9 drops an inverted full range too (the .t suite says ! --sport 0:65535)
        "! --sport :; ''",
        "! --sport : --dport 22; --dport 22",
        // Honest listing of a test that can never pass (iptables-nft lists just -p tcp).
        "--tcp-flags NONE SYN; --tcp-flags NONE SYN",
    })
    void listsCanonically(String in, String out) {
        assertEquals(out, listed(in));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "--syn --tcp-flags SYN SYN; --syn or --tcp-flags",
        "--sport 4:3; min 4 > max 3",
        "--sport 65536; 65536",
        "--dport nosuch; nosuch",
        "--tcp-flags FOO SYN; FOO",
        "--tcp-option 0; TCP option",
    })
    void rejectsNamingTheProblem(String in, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> match(in));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void descriptorRequiresTcpAndListsInIptablesOrder() {
        assertEquals("tcp", type.descriptor().protocol());
        assertEquals("[--sport, --dport, --tcp-option, --tcp-flags, --syn]", type.descriptor().params().toString());
    }

    // ---- packets ----

    private static PacketContext syn(int sport, int dport) {
        return Packets.ctx4(Packets.ipv4(6, Packets.tcp(sport, dport, TcpFlags.SYN)));
    }

    @Test
    void portsAndRangesAndInversion() {
        assertTrue(match("--dport 22").matches(syn(40000, 22)));
        assertFalse(match("--dport 22").matches(syn(40000, 23)));
        assertTrue(match("! --dport 22").matches(syn(40000, 23)));
        assertFalse(match("! --dport 22").matches(syn(40000, 22)));
        assertTrue(match("--sport 1024:").matches(syn(1024, 22)));
        assertFalse(match("--sport 1024:").matches(syn(1023, 22)));
        assertTrue(match("--sport 1:1023 --dport 22").matches(syn(80, 22)));
        assertFalse(match("--sport 1:1023 --dport 22").matches(syn(80, 21)));
        assertTrue(match("").matches(syn(1, 2)));
    }

    @Test
    void ipv6PacketsToo() {
        PacketContext p = Packets.ctx6(Packets.ipv6(6, Packets.tcp(5000, 443, TcpFlags.SYN)));
        assertTrue(match("--dport 443 --syn").matches(p));
        assertFalse(match("--dport 80").matches(p));
    }

    @Test
    void synFlagsAsTheKernelTestsThem() {
        Match syn = match("--syn");
        Match notSyn = match("! --syn");
        PacketContext s = syn(1, 2);
        PacketContext sa = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, TcpFlags.SYN | TcpFlags.ACK)));
        PacketContext synPsh = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, TcpFlags.SYN | TcpFlags.PSH)));
        assertTrue(syn.matches(s));
        assertFalse(syn.matches(sa));
        assertTrue(syn.matches(synPsh), "PSH is outside the mask FIN,SYN,RST,ACK");
        assertFalse(notSyn.matches(s));
        assertTrue(notSyn.matches(sa));
        Match xmas = match("--tcp-flags ALL FIN,PSH,URG");
        assertTrue(xmas.matches(Packets.ctx4(Packets.ipv4(6,
                Packets.tcp(1, 2, TcpFlags.FIN | TcpFlags.PSH | TcpFlags.URG)))));
        assertFalse(xmas.matches(s));
    }

    @Test
    void tcpOptionSearch() {
        // MSS (2, len 4), NOP, window scale (3, len 3)
        PacketContext withOpts = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, TcpFlags.SYN, 2, 4, 5, 0xb4, 1, 3, 3, 7)));
        assertTrue(match("--tcp-option 2").matches(withOpts));
        assertTrue(match("--tcp-option 3").matches(withOpts));
        assertFalse(match("--tcp-option 8").matches(withOpts));
        assertTrue(match("! --tcp-option 8").matches(withOpts));
        assertFalse(match("! --tcp-option 3").matches(withOpts));
        // the 0xb4 inside MSS's value must not be taken for an option kind
        assertFalse(match("--tcp-option 180").matches(withOpts));
        PacketContext none = syn(1, 2);
        assertFalse(match("--tcp-option 2").matches(none));
        assertTrue(match("! --tcp-option 2").matches(none));
    }

    @Test
    void optionLengthZeroDoesNotLoopForever() {
        PacketContext p = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, TcpFlags.SYN, 5, 0, 5, 0)));
        assertFalse(match("--tcp-option 8").matches(p));
    }

    // Measured with crafted frames through an iptables-nft 1.8.9 router (kernel 6.18): ports and flags
    // are nf_tables payload loads, which read a later IPv4 fragment's first bytes as the header; the xt
    // form (-m tcp alone, --tcp-option) never matches a later fragment.
    @Test
    void laterIpv4FragmentsAreReadByPortTestsAsTheKernelsPayloadLoadsDo() {
        assertTrue(match("--dport 22").matches(Packets.laterFragment(syn(1, 22))));
        assertFalse(match("! --dport 22").matches(Packets.laterFragment(syn(1, 22))));
        assertTrue(match("! --dport 22").matches(Packets.laterFragment(syn(1, 23))));
        assertTrue(match("--syn").matches(Packets.laterFragment(syn(1, 23))));
        PacketContext later = Packets.laterFragment(syn(1, 23));
        assertFalse(match("").matches(later));
        assertFalse(match("--dport 23 --tcp-option 2").matches(later));
        assertFalse(later.hotdropped(), "only a fragment at offset 8 is dropped");
    }

    @Test
    void laterIpv6FragmentsNeverMatch() {
        PacketContext p = Packets.laterFragment(Packets.ctx6(Packets.ipv6(6, Packets.tcp(1, 22, TcpFlags.SYN))));
        assertFalse(match("--dport 22").matches(p));
        assertFalse(match("! --dport 80").matches(p));
        assertFalse(match("").matches(p));
        assertFalse(p.hotdropped());
    }

    @Test
    void anIpv4FragmentAtOffsetEightIsHotdroppedByTheXtFormOnly() {
        PacketContext p = syn(1, 22);
        p.setFragment(true, 8);
        assertTrue(match("--dport 22").matches(p));
        assertFalse(p.hotdropped());
        assertFalse(match("--tcp-option 2").matches(p));
        assertTrue(p.hotdropped(), "Dropping evil TCP offset=1 frag");
        PacketContext q = syn(1, 22);
        q.setFragment(true, 16);
        assertFalse(match("").matches(q));
        assertFalse(q.hotdropped());
    }

    @Test
    void aCutHeaderMatchesTheTestsWhoseBytesAreThereAndTheXtFormHotdropsIt() {
        byte[] f = Packets.ipv4(6, Packets.tcp(1, 22, TcpFlags.SYN));
        int th = Packets.ETH + Packets.IP4;
        for (int len = 0; len < f.length; len++) {
            PacketContext p = Packets.ctx4(f, len);
            assertEquals(len >= th + 4, match("--dport 22").matches(p), "cut at " + len);
            assertEquals(len >= th + 4, match("! --dport 80").matches(p), "cut at " + len);
            assertEquals(len >= th + 14, match("--syn").matches(p), "cut at " + len);
            assertFalse(p.hotdropped(), "payload loads never drop, cut at " + len);
            PacketContext q = Packets.ctx4(f, len);
            assertFalse(match("").matches(q), "cut at " + len);
            assertTrue(q.hotdropped(), "xt_tcp drops a tinygram, cut at " + len);
        }
        assertTrue(match("").matches(Packets.ctx4(f)));
    }

    @Test
    void bothPortsInvertedAlikeCompareAsOnePair() {
        // iptables-nft loads both ports as one 32-bit word and compares it with !=: either may differ
        assertTrue(match("! --sport 1 ! --dport 80").matches(syn(1, 81)));
        assertTrue(match("! --sport 1 ! --dport 80").matches(syn(2, 80)));
        assertFalse(match("! --sport 1 ! --dport 80").matches(syn(1, 80)));
        assertFalse(match("! --sport 1:2 ! --dport 80").matches(syn(1, 81)), "a range is tested side by side");
    }

    @Test
    void truncatedOptionsNeverMatch() {
        byte[] f = Packets.ipv4(6, Packets.tcp(1, 22, TcpFlags.SYN, 2, 4, 5, 0xb4));
        PacketContext cut = Packets.ctx4(f, f.length - 2);
        assertFalse(match("--tcp-option 2").matches(cut));
        assertTrue(cut.hotdropped());
        PacketContext cut2 = Packets.ctx4(f, f.length - 2);
        assertFalse(match("! --tcp-option 2").matches(cut2));
        assertTrue(cut2.hotdropped());
        assertTrue(match("--dport 22").matches(Packets.ctx4(f, f.length - 2)), "the port test needs only the fixed header");
    }

    @Test
    void headerLengthBelowTwentyNeverMatchesOptionTests() {
        byte[] f = Packets.ipv4(6, Packets.tcp(1, 22, TcpFlags.SYN));
        f[Packets.ETH + Packets.IP4 + 12] = 0x40; // doff 4
        PacketContext p = Packets.ctx4(f);
        assertFalse(match("! --tcp-option 2").matches(p));
        assertTrue(p.hotdropped());
        assertTrue(match("").matches(Packets.ctx4(f)), "the data offset is looked at only for options");
    }

    @Test
    void otherProtocolOrNoL4NeverMatch() {
        assertFalse(match("").matches(Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 22)))));
        PacketContext p = new PacketContext().reset(new byte[60], 0, 60);
        assertFalse(match("").matches(p));
    }
}
