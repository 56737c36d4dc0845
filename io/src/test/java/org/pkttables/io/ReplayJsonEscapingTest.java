package org.pkttables.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.ext.matches.impl.CommentMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.io.impl.ReplayCommand;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Harness;

/**
 * {@code replay --json --counters} with a rule comment holding a tab, quotes, a backslash and
 * non-ASCII: one valid JSON document (the hand-written writer printed the tab raw and joined two
 * documents by cutting at the last brace), the rule text in it as iptables-save prints it.
 */
class ReplayJsonEscapingTest {
    private static final Path DEMO = Path.of("..", "demo");

    @Test
    void hostileCommentsStayValidJson() throws IOException {
        Harness h = new Harness().with(new Ipv4Handler(), new TcpMatchType(), new CommentMatchType());
        h.with(new ReplayCommand(h.ruleset()));
        String comment = "tab\there \"quoted\" back\\slash caf\u00e9";
        assertEquals(0, h.run("iptables", "-A", "FORWARD", "-p", "tcp", "-m", "comment", "--comment", comment, "-j",
                "ACCEPT").exit());
        Result r = h.run("replay", "--json", "--counters", DEMO.resolve("demo.pcap").toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, Object> doc = JSON.std.mapFrom(r.out());
        assertEquals("forward", doc.get("path"));
        List<?> rules = (List<?>) doc.get("rules");
        Map<?, ?> rule = rules.stream().map(o -> (Map<?, ?>) o).filter(m -> m.containsKey("rule")).findFirst()
                .orElseThrow();
        String text = (String) rule.get("rule");
        assertTrue(text.startsWith("-A FORWARD -p tcp ") && text.endsWith(
                " --comment \"tab\there \\\"quoted\\\" back\\\\slash caf\u00e9\" -j ACCEPT"), text);
        assertTrue(((Number) rule.get("packets")).longValue() > 0, rule.toString());
        assertTrue(r.out().indexOf('\t') < 0, "a tab is escaped in JSON text: " + r.out());
    }
}
