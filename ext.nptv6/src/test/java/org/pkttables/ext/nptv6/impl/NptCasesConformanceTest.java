package org.pkttables.ext.nptv6.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;

/**
 * iptables' libip6t_SNPT.t and libip6t_DNPT.t (with more cases) through the real core: listing, option
 * errors, ip6t_NPT's refusals (prefix over 64 bits, host bits set) and its restriction to the mangle
 * table's hooks. Checked against ip6tables 1.8.9; where pkttables differs on purpose, the file says so.
 */
class NptCasesConformanceTest {
    static final java.util.List<String> FILES = java.util.List.of("libip6t_SNPT.t", "libip6t_DNPT.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(NptCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return new Harness().with(new Ipv6Handler(), new SnptTargetType(), new DnptTargetType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }
}
