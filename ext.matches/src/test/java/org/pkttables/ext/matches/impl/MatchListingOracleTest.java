package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.ListingOracle;

/**
 * The {@code -L} differential for the matches' case files: every case the real iptables/ip6tables 1.8.9 accepts, added with
 * the real tool in a network namespace and with pkttables, lists the same under {@code -L -n},
 * {@code -L -n -v -x}, {@code -L} (names) and {@code --line-numbers}. Needs root and the real tools;
 * skipped otherwise.
 */
class MatchListingOracleTest {
    /** ! with a range of every value: dropped from the rule as iptables 1.8.9's -S drops it; its -L still prints it. */
    private static final String INVERTED_ALL = "an inverted full range is not kept (as -S); 1.8.9's -L prints it";
    /** --seconds above 2^31 - 1: saved as iptables prints it (negative), which the listing cannot read back. */
    private static final String SECONDS = "--seconds above 2147483647 lists in save syntax";
    /** The cases known to list differently from iptables 1.8.9, and why (README, -L). */
    static final java.util.Map<String, String> KNOWN = java.util.Map.ofEntries(
            java.util.Map.entry("libipt_icmp.t:9", "--icmp-type 255/255 is kept as any; iptables 1.8.9 lists type 255 code 255"),
            java.util.Map.entry("libipt_ah.t:6", INVERTED_ALL), java.util.Map.entry("libip6t_ah.t:6", INVERTED_ALL),
            java.util.Map.entry("libip6t_frag.t:4", INVERTED_ALL), java.util.Map.entry("libip6t_mh.t:18", INVERTED_ALL),
            java.util.Map.entry("libip6t_rt.t:10", INVERTED_ALL), java.util.Map.entry("libxt_esp.t:17", INVERTED_ALL),
            java.util.Map.entry("libipt_recent.t:39", SECONDS), java.util.Map.entry("libipt_recent.t:40", SECONDS));

    @Test
    void listsAsTheRealTool() throws Exception {
        assumeTrue(ListingOracle.missing() == null, ListingOracle::missing);
        List<String> mismatches = ListingOracle.mismatches(MatchCasesConformanceTest::harness,
                ListingOracle.accepted(getClass(), MatchCasesConformanceTest.FILES), "", KNOWN);
        assumeTrue(mismatches != null, "cannot create a network namespace");
        List<String> more = ListingOracle.mismatches(StatelessMatchCasesConformanceTest::harness,
                ListingOracle.accepted(getClass(), StatelessMatchCasesConformanceTest.FILES), "", KNOWN);
        assertEquals(List.of(), more == null ? mismatches : java.util.stream.Stream.concat(mismatches.stream(),
                more.stream()).toList(), () -> String.join("\n", mismatches) + "\n" + (more == null ? "" : String.join("\n", more)));
    }
}
