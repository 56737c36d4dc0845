package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.ListingOracle;

/**
 * The {@code -L} differential for the set match and SET target: every case the real iptables/ip6tables 1.8.9 accepts, added with
 * the real tool in a network namespace and with pkttables, lists the same under {@code -L -n},
 * {@code -L -n -v -x}, {@code -L} (names) and {@code --line-numbers}. Needs root and the real tools;
 * skipped otherwise.
 */
class SetListingOracleTest {
    @Test
    void listsAsTheRealTool() throws Exception {
        assumeTrue(ListingOracle.missing() == null, ListingOracle::missing);
        List<String> mismatches = ListingOracle.mismatches(() -> SetCasesConformanceTest.withSets().h,
                ListingOracle.accepted(getClass(), SetCasesConformanceTest.FILES), String.join("\n", SetCasesConformanceTest.SETS));
        assumeTrue(mismatches != null, "cannot create a network namespace");
        assertEquals(List.of(), mismatches, () -> String.join("\n", mismatches));
    }
}
