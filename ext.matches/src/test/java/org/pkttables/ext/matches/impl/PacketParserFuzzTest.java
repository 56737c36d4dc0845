package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.FrameFuzzer;

/**
 * Issue 11, acceptance 2: the IPv4 and IPv6 parsers and the matches on mutated frames (seed corpus in
 * {@code src/test/resources/fuzz/ip-frames.txt}): no exception escapes, nothing is read outside the frame
 * (see {@link FrameFuzzer#check}). Fixed seed and budget; {@code -Dpkttables.fuzz.iterations=N} runs longer.
 */
class PacketParserFuzzTest {
    private record Rule(String text, Match match) {
    }

    private static final List<Rule> V4 = new ArrayList<>();
    private static final List<Rule> V6 = new ArrayList<>();
    /** Stateful (quota, hashlimit, recent, statistic): run for exceptions only, their answers change. */
    private static final List<Rule> STATEFUL = new ArrayList<>();

    private static void add(List<Rule> to, MatchType t, Family f, int proto, String... lines) {
        for (String line : lines) {
            to.add(new Rule(f + " " + t.descriptor().name() + " " + line, Compiled.match(t, f, proto, line)));
        }
    }

    static {
        for (Family f : new Family[] { Family.IPV4, Family.IPV6 }) {
            List<Rule> l = f == Family.IPV4 ? V4 : V6;
            add(l, new TcpMatchType(), f, 6, "", "--dport 80", "! --sport 1 ! --dport 80", "--sport 1:1024 --dport 22",
                    "--syn", "! --tcp-flags SYN,ACK SYN", "--tcp-option 2", "! --tcp-option 8", "--dport 80 --tcp-option 2");
            add(l, new UdpMatchType(), f, 17, "", "--dport 53", "! --sport 1 ! --dport 53", "--sport 1000:2000");
            add(l, new MultiportMatchType(), f, 6, "--dports 22,80,1000:2000", "! --ports 53");
            add(l, new SctpMatchType(), f, 132, "--dport 5001", "--chunk-types any DATA", "--chunk-types all INIT,DATA",
                    "! --chunk-types only DATA");
            add(l, new EspMatchType(), f, 50, "--espspi 200", "! --espspi 1:300");
            add(l, new TcpmssMatchType(), f, 6, "--mss 1:1500", "! --mss 536");
            add(l, new EcnMatchType(), f, 6, "--ecn-tcp-ece", "! --ecn-tcp-cwr", "--ecn-ip-ect 1");
            add(l, new StringMatchType(), f, -1, "--string GET --algo bm", "--string HTTP --algo kmp --from 40 --to 200");
            add(l, new LengthMatchType(), f, -1, "--length 40:100");
            add(l, new DscpMatchType(), f, -1, "--dscp 0x0a");
            add(l, new TosMatchType(), f, -1, "--tos 0x10/0xfc");
        }
        add(V4, new IcmpMatchType(), Family.IPV4, 1, "--icmp-type any", "--icmp-type echo-request", "! --icmp-type 3/3");
        add(V4, new AhMatchType(), Family.IPV4, 51, "--ahspi 100");
        add(V4, new TtlMatchType(), Family.IPV4, -1, "--ttl-gt 10");
        add(V4, new IprangeMatchType(), Family.IPV4, -1, "--src-range 10.0.0.1-10.4.0.9");
        add(V4, new U32MatchType(), Family.IPV4, -1, "--u32 \"6&0xFF=6\"", "--u32 \"0>>22&0x3C@0>>16=80\"",
                "--u32 \"6&0xFF=1&&0>>22&0x3C@0>>24=8\"", "! --u32 \"0>>22&0x3C@12>>26&0x3C@0=0x47455420\"");
        add(V6, new Icmp6MatchType(), Family.IPV6, 58, "--icmpv6-type echo-request", "! --icmpv6-type 1/4");
        add(V6, new Ah6MatchType(), Family.IPV6, -1, "--ahspi 100", "--ahlen 24 --ahres");
        add(V6, new FragMatchType(), Family.IPV6, -1, "--fragid 77", "--fragfirst", "--fraglast", "--fragmore --fragres");
        add(V6, new HbhMatchType(), Family.IPV6, -1, "--hbh-len 8", "--hbh-opts 1:4");
        add(V6, new DstMatchType(), Family.IPV6, -1, "! --dst-len 16", "--dst-opts 1");
        add(V6, new RtMatchType(), Family.IPV6, -1, "--rt-segsleft 1", "--rt-type 0 --rt-0-res --rt-0-addrs 2001:db8::1");
        add(V6, new MhMatchType(), Family.IPV6, 135, "--mh-type 5");
        add(V6, new Ipv6headerMatchType(), Family.IPV6, -1, "--header frag --soft", "! --header hop,dst,route,esp");
        add(V6, new HlMatchType(), Family.IPV6, -1, "--hl-eq 64");
        add(V6, new U32MatchType(), Family.IPV6, -1, "--u32 \"4>>8&0xFF=17\"", "--u32 \"4>>8&0xFF=0x3a&&40>>24=128\"");
        add(STATEFUL, new HashlimitMatchType(), Family.IPV4, 17,
                "--hashlimit-upto 5/sec --hashlimit-mode srcip,dstport --hashlimit-name fuzz4");
        add(STATEFUL, new HashlimitMatchType(), Family.IPV6, 6,
                "--hashlimit-upto 5/sec --hashlimit-mode srcport --hashlimit-name fuzz6");
        add(STATEFUL, new QuotaMatchType(), Family.IPV4, -1, "--quota 100000");
    }

    /** What parsing and every match made of the packet, offsets relative to the frame. */
    private static String run(PacketContext p, L3Handler h, List<Rule> rules) {
        p.setL2(p.start());
        boolean ok = h.parse(p, p.start() + 14);
        StringBuilder s = new StringBuilder(128).append(h.family()).append(ok ? " ok" : " bad").append(p.isMalformed() ? " m" : "")
                .append(" l3 ").append(rel(p, p.l3Offset())).append(" l4 ").append(rel(p, p.l4Offset())).append(" p ")
                .append(p.l4Proto()).append(" f ").append(p.fragOffset()).append(" len ").append(p.length()).append(' ');
        for (Rule r : rules) {
            s.append(r.match().matches(p) ? '1' : '0').append(p.hotdropped() ? 'H' : '.');
        }
        for (Rule r : STATEFUL) {
            r.match().matches(p); // for exceptions only
        }
        return s.toString();
    }

    private static int rel(PacketContext p, int off) {
        return off < 0 ? off : off - p.start();
    }

    @Test
    void parsersAndMatchesSurviveMutatedFramesAndReadNothingOutsideThem() {
        List<byte[]> corpus = FrameFuzzer.corpus(getClass().getResourceAsStream("/fuzz/ip-frames.txt"));
        FrameFuzzer fuzz = new FrameFuzzer(11, corpus);
        L3Handler v4 = new Ipv4Handler();
        L3Handler v6 = new Ipv6Handler();
        int n = FrameFuzzer.iterations(4000);
        int parsed = 0;
        int hotdropped = 0;
        for (int i = 0; i < n; i++) {
            byte[] f = fuzz.next();
            String r4 = FrameFuzzer.check("iteration " + i + " ipv4", f, p -> run(p, v4, V4));
            String r6 = FrameFuzzer.check("iteration " + i + " ipv6", f, p -> run(p, v6, V6));
            parsed += (r4.contains(" ok") ? 1 : 0) + (r6.contains(" ok") ? 1 : 0);
            hotdropped += (r4.contains("H") ? 1 : 0) + (r6.contains("H") ? 1 : 0);
        }
        // the mutations must leave enough frames whole to reach the matches, and cut enough to hotdrop
        assertTrue(parsed > n / 4, parsed + " of " + 2 * n + " parsed");
        assertTrue(hotdropped > n / 50, hotdropped + " hotdropped");
    }
}
