package org.pkttables.ext.rpfilter.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.route.impl.RoutingTableImpl;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;

/**
 * libxt_rpfilter.t through the real core, for iptables and ip6tables: listing, and the kernel's
 * restriction to PREROUTING of raw and mangle. The case file was checked against iptables 1.8.9.
 */
class RpfilterCasesConformanceTest {
    static final java.util.List<String> FILES = java.util.List.of("libxt_rpfilter.t");

    static Stream<CaseFile.Case> cases() {
        return CaseFile.load(RpfilterCasesConformanceTest.class, "libxt_rpfilter.t").stream();
    }

    static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new RpfilterMatchType(new RoutingTableImpl()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }
}
