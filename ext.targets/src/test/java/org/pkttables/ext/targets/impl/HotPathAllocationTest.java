package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Target;
import org.pkttables.tables.testing.AllocationMeter;
import org.pkttables.tables.testing.Packets;

/**
 * The packet-rewriting and metadata targets allocate nothing per packet: after warm-up, 20,000 rounds
 * over a mix of packets must stay within a few hundred bytes on this thread (HotSpot's counter).
 */
class HotPathAllocationTest {
    private static List<Target> targets() {
        NflogTargetType nflog = new NflogTargetType();
        nflog.addListener((group, prefix, p, size) -> { }, Map.of());
        return List.of(
                RewritingTargetsTest.compile(new TtlTargetType(), Family.IPV4, 6, "--ttl-dec 1"),
                RewritingTargetsTest.compile(new TtlTargetType(), Family.IPV4, 6, "--ttl-inc 1"),
                RewritingTargetsTest.compile(new TosTargetType(), Family.IPV4, 6, "--xor-tos 0x10"),
                RewritingTargetsTest.compile(new DscpTargetType(), Family.IPV4, 6, "--set-dscp-class EF"),
                RewritingTargetsTest.compile(new EcnTargetType(), Family.IPV4, 6, "--ecn-tcp-ece 1 --ecn-ip-ect 1"),
                RewritingTargetsTest.compile(new EcnTargetType(), Family.IPV4, 6, "--ecn-tcp-remove"),
                RewritingTargetsTest.compile(new ClassifyTargetType(), Family.IPV4, 6, "--set-class 1:2"),
                RewritingTargetsTest.compile(new TcpmssTargetType(), Family.IPV4, 6, "--set-mss 1400"),
                RewritingTargetsTest.compile(new TcpoptstripTargetType(), Family.IPV4, 6, "--strip-options 8"),
                RewritingTargetsTest.compile(new HmarkTargetType(), Family.IPV4, 6,
                        "--hmark-tuple src,dst,sport,dport,proto --hmark-rnd 1 --hmark-mod 10"),
                RewritingTargetsTest.compile(nflog, Family.IPV4, 6, "--nflog-group 0 --nflog-prefix x"));
    }

    @Test
    void noTargetAllocatesPerPacket() {
        Assumptions.assumeTrue(AllocationMeter.available(), "needs HotSpot's per-thread allocation counter");
        Target[] ts = targets().toArray(new Target[0]);
        PacketContext syn = Packets.ctx4(Sums.fix4(Packets.ipv4(6, Packets.tcp(1, 2, 0x02,
                2, 4, 0x05, 0xb4, 8, 10, 1, 2, 3, 4, 5, 6, 7, 8, 1, 1))));
        PacketContext cut = Packets.ctx4(Packets.ipv4(6, Packets.tcp(1, 2, 0x02)), Packets.ETH + 24);
        PacketContext[] ps = {syn, cut};
        AllocationMeter.Measurement m = AllocationMeter.measure(AllocationMeter.applying(ts, ps));
        assertTrue(m.bytes() < 1024, m.toString());
    }
}
