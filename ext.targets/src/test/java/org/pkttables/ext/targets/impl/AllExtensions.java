package org.pkttables.ext.targets.impl;

import org.pkttables.ext.matches.impl.AddrtypeMatchType;
import org.pkttables.ext.matches.impl.Ah6MatchType;
import org.pkttables.ext.matches.impl.AhMatchType;
import org.pkttables.ext.matches.impl.CommentMatchType;
import org.pkttables.ext.matches.impl.DscpMatchType;
import org.pkttables.ext.matches.impl.DstMatchType;
import org.pkttables.ext.matches.impl.EcnMatchType;
import org.pkttables.ext.matches.impl.EspMatchType;
import org.pkttables.ext.matches.impl.FragMatchType;
import org.pkttables.ext.matches.impl.HashlimitMatchType;
import org.pkttables.ext.matches.impl.HbhMatchType;
import org.pkttables.ext.matches.impl.HlMatchType;
import org.pkttables.ext.matches.impl.Icmp6MatchType;
import org.pkttables.ext.matches.impl.IcmpMatchType;
import org.pkttables.ext.matches.impl.IprangeMatchType;
import org.pkttables.ext.matches.impl.Ipv6headerMatchType;
import org.pkttables.ext.matches.impl.LengthMatchType;
import org.pkttables.ext.matches.impl.LimitMatchType;
import org.pkttables.ext.matches.impl.MacMatchType;
import org.pkttables.ext.matches.impl.MarkMatchType;
import org.pkttables.ext.matches.impl.MhMatchType;
import org.pkttables.ext.matches.impl.MultiportMatchType;
import org.pkttables.ext.matches.impl.PhysdevMatchType;
import org.pkttables.ext.matches.impl.PkttypeMatchType;
import org.pkttables.ext.matches.impl.QuotaMatchType;
import org.pkttables.ext.matches.impl.RecentMatchType;
import org.pkttables.ext.matches.impl.RtMatchType;
import org.pkttables.ext.matches.impl.SctpMatchType;
import org.pkttables.ext.matches.impl.StatisticMatchType;
import org.pkttables.ext.matches.impl.StringMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.TcpmssMatchType;
import org.pkttables.ext.matches.impl.TimeMatchType;
import org.pkttables.ext.matches.impl.TosMatchType;
import org.pkttables.ext.matches.impl.TtlMatchType;
import org.pkttables.ext.matches.impl.U32MatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.impl.TraceTargetType;
import org.pkttables.tables.testing.Harness;

/**
 * A harness with both IP families and every stateless match and target of ext.matches and ext.targets
 * (LOG writing nowhere): what the save/restore round trip and identity tests and the restore fuzzer run
 * against.
 */
final class AllExtensions {
    private AllExtensions() {
    }

    static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(),
                new AddrtypeMatchType(), new AhMatchType(), new Ah6MatchType(), new CommentMatchType(),
                new DscpMatchType(), new DstMatchType(), new EcnMatchType(), new EspMatchType(), new FragMatchType(),
                new HashlimitMatchType(), new HbhMatchType(), new HlMatchType(),
                new IcmpMatchType(), new Icmp6MatchType(), new IprangeMatchType(), new Ipv6headerMatchType(),
                new LengthMatchType(), new LimitMatchType(), new MacMatchType(), new MarkMatchType(),
                new MhMatchType(), new MultiportMatchType(), new PhysdevMatchType(), new PkttypeMatchType(),
                new QuotaMatchType(), new RecentMatchType(), new RtMatchType(), new SctpMatchType(),
                new StatisticMatchType(), new StringMatchType(), new TcpMatchType(), new TcpmssMatchType(),
                new TimeMatchType(), new TosMatchType(), new TtlMatchType(), new U32MatchType(), new UdpMatchType(),
                new ClassifyTargetType(), new DscpTargetType(), new EcnTargetType(), new HlTargetType(),
                new HmarkTargetType(), new LogTargetType((level, line) -> { }), new MarkTargetType(),
                new NflogTargetType(), new RejectTargetType(), new Reject6TargetType(), new TcpmssTargetType(),
                new TcpoptstripTargetType(), new TosTargetType(), new TtlTargetType(), new TraceTargetType());
    }
}
