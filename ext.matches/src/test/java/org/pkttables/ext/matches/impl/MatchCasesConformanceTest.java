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
 * Every line of every case file through the real core: {@code TOOL -t T -A CHAIN RULE}, then
 * {@code TOOL -t T -S CHAIN} must list exactly the expected rule; FAIL lines must exit non-zero with an
 * error and leave the chain empty. The case files were checked against iptables 1.8.9 itself.
 */
class MatchCasesConformanceTest {
    static final List<String> FILES = List.of("libxt_tcp.t", "libxt_udp.t", "libipt_icmp.t",
            "libip6t_icmp6.t", "libxt_mac.t", "libxt_mark.t", "libxt_comment.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(MatchCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(),
                new TcpMatchType(), new UdpMatchType(), new IcmpMatchType(), new Icmp6MatchType(),
                new MacMatchType(), new MarkMatchType(), new CommentMatchType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }
}
