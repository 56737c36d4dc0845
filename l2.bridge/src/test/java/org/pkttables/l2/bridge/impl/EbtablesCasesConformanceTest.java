package org.pkttables.l2.bridge.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.tables.testing.CaseFile;

/**
 * Every ebtables case file through the real core: {@code ebtables -A} then {@code ebtables-save} lists
 * exactly what ebtables-nft 1.8.9 listed (recorded in a network namespace); FAIL lines are refused with
 * an error and add nothing.
 */
class EbtablesCasesConformanceTest {
    static final List<String> FILES = List.of("libebt_802_3.t", "libebt_among.t", "libebt_arp.t", "libebt_ip.t",
            "libebt_ip6.t", "libebt_log.t", "libebt_mark.t", "libebt_mark_m.t", "libebt_pkttype.t",
            "libebt_standard.t", "libebt_vlan.t", "libebt_logical.t", "libebt_nat.t", "libebt_stp.t",
            "libebt_extra.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(EbtablesCasesConformanceTest.class, f).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(Bridge.harness()), c::toString);
    }
}
