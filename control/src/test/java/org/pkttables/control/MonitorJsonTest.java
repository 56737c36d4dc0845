package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;

/** {@code monitor --json}: each event one JSON object on one line, the rule words kept exactly. */
class MonitorJsonTest {
    @Test
    void anEventIsOneObjectOnOneLine() throws IOException {
        String words = "-A INPUT -m comment --comment \"a\\\"b\\\\c\td \u00e9\" -j ACCEPT";
        String line = MonitorCommand.json(new RulesetEvent(7, RulesetEvent.Type.RULE_ADDED, Family.IPV4, "filter",
                "INPUT", 2, 41, words));
        assertFalse(line.contains("\n") || line.contains("\t"), line);
        Map<String, Object> m = JSON.std.mapFrom(line);
        assertEquals(7, m.get("generation"));
        assertEquals("rule_added", m.get("type"));
        assertEquals("ipv4", m.get("family"));
        assertEquals("INPUT", m.get("chain"));
        assertEquals(2, m.get("position"));
        assertEquals(41, m.get("handle"));
        assertEquals(words, m.get("detail"));
        Map<String, Object> policy = JSON.std.mapFrom(MonitorCommand.json(new RulesetEvent(8, RulesetEvent.Type.POLICY,
                Family.IPV6, "filter", "FORWARD", 0, 0, "DROP")));
        assertFalse(policy.containsKey("position") || policy.containsKey("handle"), policy.toString());
    }
}
