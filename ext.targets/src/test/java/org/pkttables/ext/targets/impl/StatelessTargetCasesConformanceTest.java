package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;

/**
 * The case files of the packet-rewriting and metadata targets (TTL, HL, TOS, DSCP, ECN, CLASSIFY,
 * TCPMSS, TCPOPTSTRIP, NFLOG) through the real core, as {@link TargetCasesConformanceTest} does:
 * {@code -A} then {@code -S} lists exactly what iptables 1.8.9 listed; FAIL lines are refused.
 */
class StatelessTargetCasesConformanceTest {
    static final List<String> FILES = List.of("libipt_TTL.t", "libip6t_HL.t", "libxt_TOS.t", "libxt_DSCP.t",
            "libipt_ECN.t", "libxt_CLASSIFY.t", "libxt_TCPMSS.t", "libxt_TCPOPTSTRIP.t", "libxt_NFLOG.t",
            "libxt_HMARK.t", "libipt_HMARK.t", "libip6t_HMARK.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(StatelessTargetCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(),
                new TtlTargetType(), new HlTargetType(), new TosTargetType(), new DscpTargetType(),
                new EcnTargetType(), new ClassifyTargetType(), new TcpmssTargetType(), new TcpoptstripTargetType(),
                new NflogTargetType(), new HmarkTargetType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }
}
