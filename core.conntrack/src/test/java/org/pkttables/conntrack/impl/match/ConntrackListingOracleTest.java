package org.pkttables.conntrack.impl.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.ListingOracle;

/**
 * The {@code -L} differential for the conntrack matches and targets: every case the real iptables/ip6tables 1.8.9 accepts, added with
 * the real tool in a network namespace and with pkttables, lists the same under {@code -L -n},
 * {@code -L -n -v -x}, {@code -L} (names) and {@code --line-numbers}. Needs root and the real tools;
 * skipped otherwise.
 */
class ConntrackListingOracleTest {
    /** The cases known to list differently from iptables 1.8.9, and why (README, -L): none left. */
    static final java.util.Map<String, String> KNOWN = java.util.Map.of();

    @Test
    void listsAsTheRealTool() throws Exception {
        assumeTrue(ListingOracle.missing() == null, ListingOracle::missing);
        List<String> mismatches = ListingOracle.mismatches(ConntrackCasesConformanceTest::harness,
                ListingOracle.accepted(getClass(), ConntrackCasesConformanceTest.FILES), "", KNOWN);
        assumeTrue(mismatches != null, "cannot create a network namespace");
        assertEquals(List.of(), mismatches, () -> String.join("\n", mismatches));
    }
}
