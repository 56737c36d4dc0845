package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.ListingOracle;

/**
 * The {@code -L} differential for the targets' case files: every case the real iptables/ip6tables 1.8.9 accepts, added with
 * the real tool in a network namespace and with pkttables, lists the same under {@code -L -n},
 * {@code -L -n -v -x}, {@code -L} (names) and {@code --line-numbers}. Needs root and the real tools;
 * skipped otherwise.
 */
class TargetListingOracleTest {
    /** The cases known to list differently from iptables 1.8.9, and why (README, -L). */
    static final java.util.Map<String, String> KNOWN = java.util.Map.of("libip6t_HMARK.t:4",
            "iptables 1.8.9 prints an IPv6 /128 prefix as nothing (src-prefix  dst-prefix )");

    @Test
    void listsAsTheRealTool() throws Exception {
        assumeTrue(ListingOracle.missing() == null, ListingOracle::missing);
        List<String> mismatches = ListingOracle.mismatches(TargetCasesConformanceTest::harness,
                ListingOracle.accepted(getClass(), TargetCasesConformanceTest.FILES), "", KNOWN);
        assumeTrue(mismatches != null, "cannot create a network namespace");
        List<String> more = ListingOracle.mismatches(StatelessTargetCasesConformanceTest::harness,
                ListingOracle.accepted(getClass(), StatelessTargetCasesConformanceTest.FILES), "", KNOWN);
        assertEquals(List.of(), more == null ? mismatches : java.util.stream.Stream.concat(mismatches.stream(),
                more.stream()).toList(), () -> String.join("\n", mismatches) + "\n" + (more == null ? "" : String.join("\n", more)));
    }
}
