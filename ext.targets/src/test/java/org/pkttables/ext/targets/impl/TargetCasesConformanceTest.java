package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.impl.TraceTargetType;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;

/**
 * Every line of every case file through the real core: {@code TOOL -t T -A CHAIN RULE}, then
 * {@code TOOL -t T -S CHAIN} must list exactly the expected rule; FAIL lines must exit non-zero with an
 * error and leave the chain empty. The case files were checked against iptables 1.8.9 itself.
 */
class TargetCasesConformanceTest {
    static final List<String> FILES = List.of("libipt_REJECT.t", "libip6t_REJECT.t", "libxt_LOG.t", "libxt_MARK.t",
            "libxt_standard.t", "libipt_standard.t", "libip6t_standard.t", "libxt_TRACE.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(TargetCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(),
                new RejectTargetType(), new Reject6TargetType(), new MarkTargetType(),
                new LogTargetType((level, line) -> { }), new TraceTargetType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }
}
