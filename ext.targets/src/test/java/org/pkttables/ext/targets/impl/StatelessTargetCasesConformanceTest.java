package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.api.CommandFrontend;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/**
 * The case files of the packet-rewriting and metadata targets (TTL, HL, TOS, DSCP, ECN, CLASSIFY,
 * TCPMSS, TCPOPTSTRIP, NFLOG) through the real core, as {@link TargetCasesConformanceTest} does:
 * {@code -A} then {@code -S} lists exactly what iptables 1.8.9 listed; FAIL lines are refused.
 */
class StatelessTargetCasesConformanceTest {
    static final List<String> FILES = List.of("libipt_TTL.t", "libip6t_HL.t", "libxt_TOS.t", "libxt_DSCP.t",
            "libipt_ECN.t", "libxt_CLASSIFY.t", "libxt_TCPMSS.t", "libxt_TCPOPTSTRIP.t", "libxt_NFLOG.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(StatelessTargetCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(),
                new TtlTargetType(), new HlTargetType(), new TosTargetType(), new DscpTargetType(),
                new EcnTargetType(), new ClassifyTargetType(), new TcpmssTargetType(), new TcpoptstripTargetType(),
                new NflogTargetType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        Harness h = harness();
        CommandFrontend.Result add = h.sh(c.tool() + " -t " + c.table() + " -A " + c.chain() + " " + c.rule());
        CommandFrontend.Result list = h.sh(c.tool() + " -t " + c.table() + " -S " + c.chain());
        assertEquals(0, list.exit(), list.err());
        List<String> rules = list.out().lines().filter(l -> l.startsWith("-A " + c.chain() + " "))
                .map(l -> l.substring(("-A " + c.chain() + " ").length())).toList();
        if (c.ok()) {
            assertEquals(0, add.exit(), add.err());
            assertEquals(List.of(c.expected()), rules);
        } else {
            assertNotEquals(0, add.exit(), "accepted, listed as " + rules);
            assertFalse(add.err().isBlank(), "rejected without an error message");
            assertEquals(List.of(), rules);
        }
    }
}
