package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The restore warm-up in the real appliance: a few seconds after start it has restored its IPv4 and IPv6
 * rulesets of common shapes into a scratch core (every shape's extension loaded, so none failed), and the
 * live ruleset, its generation and the change history saw none of it.
 */
class RestoreWarmupIT {
    private static final Pattern DONE = Pattern.compile("restore path warmed up: (\\d+) rules restored in a scratch core in "
            + "(\\d+) ms");

    @RegisterExtension
    final Lab lab = Lab.launcher();

    /** A save without its comment lines (their time changes). */
    private static String rules(String save) {
        return save.lines().filter(l -> !l.startsWith("#")).reduce("", (x, y) -> x + y + "\n");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void warmsUpInAScratchCoreWithoutTouchingTheLiveRuleset() throws Exception {
        RunningAppliance a = lab.start("appliance");
        String before = rules(a.ctl("iptables-save").out());
        Lab.waitFor("the warm-up's log line", () -> DONE.matcher(a.log()).find(), 90);
        Matcher m = DONE.matcher(a.log());
        assertTrue(m.find());
        // 4 rounds of 100 chains of 50 rules and a jump each, IPv4 and IPv6
        assertEquals(4 * 2 * 100 * 51, Integer.parseInt(m.group(1)), a.log());
        assertEquals(before, rules(a.ctl("iptables-save").out()), "the live IPv4 ruleset is untouched");
        Proc.Result six = a.ctl("ip6tables-save");
        assertOk(six);
        assertTrue(!six.out().contains("-A "), six.out());
        Proc.Result h = a.ctl("history");
        assertOk(h);
        assertTrue(!h.out().contains("warm"), h.out());
    }
}
