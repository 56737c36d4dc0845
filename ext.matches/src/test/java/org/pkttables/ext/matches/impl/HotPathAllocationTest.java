package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.AllocationMeter;
import org.pkttables.tables.testing.Packets;

/**
 * Every stateless match's hot path allocates nothing: after warm-up, 20,000 evaluations over a mix
 * of packets must not allocate a byte per evaluation on this thread (HotSpot's per-thread allocation
 * counter; a few hundred bytes of slack for the measurement itself).
 */
class HotPathAllocationTest {
    private static List<Match> matches() {
        return List.of(
                Compiled.match(new MultiportMatchType(), Family.IPV4, 6, "--dports 22,80:90,443"),
                Compiled.v4(new IprangeMatchType(), "--src-range 10.0.0.1-10.0.0.9"),
                Compiled.v6(new IprangeMatchType(), "! --dst-range fe80::1-fe80::9"),
                Compiled.v4(new LengthMatchType(), "--length 40:1500"),
                Compiled.v4(new PkttypeMatchType(), "--pkt-type unicast"),
                Compiled.v4(new TtlMatchType(), "--ttl-gt 10"),
                Compiled.v6(new HlMatchType(), "--hl-lt 10"),
                Compiled.v4(new TosMatchType(), "--tos 0x10/0x3f"),
                Compiled.v4(new DscpMatchType(), "--dscp 46"),
                Compiled.match(new EcnMatchType(), Family.IPV4, 6, "--ecn-tcp-ece --ecn-ip-ect 1"),
                Compiled.v6(new FragMatchType(), "--fragid 1:100 --fragmore"),
                Compiled.v4(new LimitMatchType(), "--limit 100/sec --limit-burst 10"),
                Compiled.match(new MhMatchType(), Family.IPV6, 135, "! --mh-type bu:ba"),
                Compiled.v4(new RecentMatchType(), "--update --seconds 60 --hitcount 2 --reap --name hot"),
                Compiled.v6(new RecentMatchType(), "--set --rdest --mask ffff:ffff::"),
                Compiled.v4(new HashlimitMatchType(), "--hashlimit-upto 100/sec --hashlimit-name a --hashlimit-mode srcip,dstport"),
                Compiled.v6(new HashlimitMatchType(), "--hashlimit-above 1/sec --hashlimit-name b --hashlimit-mode srcip,dstip --hashlimit-srcmask 64"),
                Compiled.v4(new StatisticMatchType(), "--mode random --probability 0.5"),
                Compiled.v4(new StatisticMatchType(), "--mode nth --every 3 --packet 1"),
                Compiled.v4(new StringMatchType(), "--algo bm --string needle --icase"),
                Compiled.v4(new StringMatchType(), "--algo kmp --hex-string '|00 01|'"),
                Compiled.match(new EspMatchType(), Family.IPV4, 50, "--espspi 5:9"),
                Compiled.match(new AhMatchType(), Family.IPV4, 51, "--ahspi 5"),
                Compiled.v6(new Ah6MatchType(), "--ahspi 5 --ahres"),
                Compiled.v6(new HbhMatchType(), "--hbh-len 8 --hbh-opts 1,5:2"),
                Compiled.v6(new DstMatchType(), "--dst-opts 1"),
                Compiled.v6(new RtMatchType(), "--rt-type 0 --rt-0-addrs ::1,::2 --rt-0-not-strict"),
                Compiled.v6(new Ipv6headerMatchType(), "--header hop,frag --soft"),
                Compiled.match(new TcpmssMatchType(), Family.IPV4, 6, "--mss 1000:1500"),
                Compiled.v4(new QuotaMatchType(), "--quota 1000000000"),
                Compiled.match(new SctpMatchType(), Family.IPV4, 132, "--dport 80 --chunk-types all DATA:B,SACK"),
                Compiled.v4(new U32MatchType(), "--u32 '0>>22&0x3C@0>>16=1:65535&&6&0xFF=6,17'"),
                Compiled.v4(new AddrtypeMatchType(), "--src-type UNICAST ! --dst-type MULTICAST"),
                Compiled.v4(new PhysdevMatchType(), "--physdev-in eth+"),
                Compiled.v4(new TimeMatchType(), "--timestart 01:00 --timestop 23:00 --monthdays 1,15 --kerneltz"));
    }

    private static List<PacketContext> packets() {
        PacketContext syn = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 22, 0x42, 2, 4, 5, 0xb4)));
        syn.setInIface("eth0");
        PacketContext udp = Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 53)));
        PacketContext frag6 = Packets.ctx6(FragMatchTypeTest.fragment(7, 0, true, 0));
        PacketContext cut = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 22, 0x02)), Packets.ETH + 10);
        return List.of(syn, udp, frag6, cut);
    }

    @Test
    void noMatchAllocatesPerPacket() {
        Assumptions.assumeTrue(AllocationMeter.available(), "needs HotSpot's per-thread allocation counter");
        Match[] ms = matches().toArray(new Match[0]);
        PacketContext[] ps = packets().toArray(new PacketContext[0]);
        AllocationMeter.Measurement m = AllocationMeter.measure(AllocationMeter.matching(ms, ps));
        long evaluations = (long) AllocationMeter.ROUNDS * ms.length * ps.length;
        assertTrue(m.bytes() < 1024, m + " in " + evaluations + " evaluations");
    }
}
