package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packet counter of one rule of a running appliance, as {@code TOOL -t TABLE -L CHAIN N -v -x -n} lists it. */
final class RulePackets {
    private static final Pattern FIRST_NUMBER = Pattern.compile("^\\s*([0-9]+)\\s");

    private RulePackets() {
    }

    static long of(Path home, String tool, String table, String chain, int rule) throws Exception {
        Proc.Result r = Lab.ctl(home, tool, "-t", table, "-L", chain, String.valueOf(rule), "-v", "-x", "-n");
        Lab.assertOk(r);
        Matcher m = FIRST_NUMBER.matcher(r.out());
        assertTrue(m.find(), tool + " -t " + table + " -L " + chain + " " + rule + ": " + r.out());
        return Long.parseLong(m.group(1));
    }
}
