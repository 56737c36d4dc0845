package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.ListingOracle;

/**
 * The {@code -L} differential for the NAT targets: every case the real iptables/ip6tables 1.8.9 accepts, added with
 * the real tool in a network namespace and with pkttables, lists the same under {@code -L -n},
 * {@code -L -n -v -x}, {@code -L} (names) and {@code --line-numbers}. Needs root and the real tools;
 * skipped otherwise.
 */
class NatListingOracleTest {
    @Test
    void listsAsTheRealTool() throws Exception {
        assumeTrue(ListingOracle.missing() == null, ListingOracle::missing);
        List<String> mismatches = ListingOracle.mismatches(NatCasesConformanceTest::harness,
                ListingOracle.accepted(getClass(), NatCasesConformanceTest.FILES), "");
        assumeTrue(mismatches != null, "cannot create a network namespace");
        assertEquals(List.of(), mismatches, () -> String.join("\n", mismatches));
    }
}
