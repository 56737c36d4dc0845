package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Figures read out of what the tools of a lab print: rule counters in listings, iperf3's received bytes. */
final class Readings {
    private static final Pattern IPERF_RECEIVER = Pattern.compile(
            "([0-9.]+) (K|M|G)Bytes\\s+[0-9.]+ [KMG]?bits/sec\\s+receiver");
    private static final Pattern FIRST_NUMBER = Pattern.compile("^\\s*([0-9]+)\\s");

    private Readings() {
    }

    /**
     * The packet counter of rule {@code rule} of {@code chain}, as {@code TOOL -t TABLE -L CHAIN RULE -v -x -n}
     * of the lab's appliance lists it; fails when the listing fails or shows no counter.
     */
    static long rulePackets(Lab lab, String tool, String table, String chain, int rule) throws Exception {
        Proc.Result r = lab.ctl(tool, "-t", table, "-L", chain, String.valueOf(rule), "-v", "-x", "-n");
        Lab.assertOk(r);
        Matcher m = FIRST_NUMBER.matcher(r.out());
        assertTrue(m.find(), tool + " -t " + table + " -L " + chain + " " + rule + ": " + r.out());
        return Long.parseLong(m.group(1));
    }

    /** The packet counter of the first rule with {@code target} in an `iptables -L -v -n -x` listing; -1: none. */
    static long packets(String listing, String target) {
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 2 && f[0].matches("[0-9]+") && f[2].equals(target)) {
                return Long.parseLong(f[0]);
            }
        }
        return -1;
    }

    /** The bytes iperf3's client says the receiver got (its summary line); fails when there is none. */
    static double iperfReceived(String out) {
        Matcher m = IPERF_RECEIVER.matcher(out);
        assertTrue(m.find(), out);
        double scale = m.group(2).equals("K") ? 1e3 : m.group(2).equals("M") ? 1e6 : 1e9;
        return Double.parseDouble(m.group(1)) * scale;
    }
}
