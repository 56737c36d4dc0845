package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;

/**
 * The case files of the stateless matches (multiport, iprange, length, ...) through the real core, as
 * {@link MatchCasesConformanceTest} does for the basic ones: {@code -A} then {@code -S} must list the
 * rule exactly as iptables 1.8.9 did; FAIL lines must be refused with a message and add nothing.
 */
class StatelessMatchCasesConformanceTest {
    static final List<String> FILES = List.of("libxt_multiport.t", "libxt_iprange.t", "libipt_iprange.t",
            "libip6t_iprange.t", "libxt_length.t", "libxt_pkttype.t", "libipt_ttl.t", "libip6t_hl.t", "libxt_tos.t",
            "libxt_dscp.t", "libxt_ecn.t", "libip6t_frag.t", "libxt_limit.t", "libxt_statistic.t", "libxt_string.t",
            "libxt_esp.t", "libipt_ah.t", "libip6t_ah.t", "libip6t_hbh.t", "libip6t_dst.t", "libip6t_rt.t",
            "libip6t_ipv6header.t", "libxt_tcpmss.t", "libxt_quota.t", "libxt_sctp.t", "libxt_u32.t",
            "libxt_addrtype.t", "libipt_addrtype.t", "libip6t_addrtype.t", "libxt_physdev.t",
            "libxt_time.t", "libxt_hashlimit.t", "libipt_hashlimit.t", "libip6t_hashlimit.t", "libip6t_mh.t",
            "libipt_recent.t", "libip6t_recent.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(StatelessMatchCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(),
                new TcpMatchType(), new UdpMatchType(),
                new MultiportMatchType(), new IprangeMatchType(), new LengthMatchType(), new PkttypeMatchType(),
                new TtlMatchType(), new HlMatchType(), new TosMatchType(), new DscpMatchType(), new EcnMatchType(),
                new FragMatchType(), new LimitMatchType(), new StatisticMatchType(), new StringMatchType(),
                new EspMatchType(), new AhMatchType(), new Ah6MatchType(), new HbhMatchType(), new DstMatchType(),
                new RtMatchType(), new Ipv6headerMatchType(), new TcpmssMatchType(), new QuotaMatchType(),
                new SctpMatchType(), new U32MatchType(), new AddrtypeMatchType(), new PhysdevMatchType(),
                new TimeMatchType(), new HashlimitMatchType(), new MhMatchType(), new RecentMatchType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }
}
