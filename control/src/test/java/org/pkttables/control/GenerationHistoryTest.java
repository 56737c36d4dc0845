package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GenerationHistory}: bounded to its size (the oldest files go), the same entries after a restart
 * (time, uid, user, command with awkward characters, the ruleset of every family), numbers that go on
 * across restarts, an unchanged ruleset not recorded twice, and a damaged entry file named and left out.
 */
class GenerationHistoryTest {
    @TempDir
    Path state;

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T15:00:00.123Z"), ZoneOffset.UTC);

    private static RulesetSnapshot rules(int n) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("iptables", "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + "-A INPUT -m comment --comment \"rule " + n + "\" -j ACCEPT\nCOMMIT\n");
        if (n % 2 == 0) {
            m.put("ebtables", "*filter\n:INPUT ACCEPT\n:FORWARD DROP\n:OUTPUT ACCEPT\n:foo ACCEPT\n");
        }
        return new RulesetSnapshot(m);
    }

    private static Caller caller(int n) {
        return new Caller(1000 + n, "user" + n, "iptables -A INPUT -m comment --comment 'a\\b\nc " + n + "' -j ACCEPT");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(state.resolve("history"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void keepsTheLastNAndTheSameAfterARestart() throws IOException {
        GenerationHistory h = GenerationHistory.open(state, 3, CLOCK);
        for (int i = 1; i <= 5; i++) {
            assertEquals(i, h.record(caller(i), rules(i), false).gen());
        }
        assertEquals(List.of(3L, 4L, 5L), h.list().stream().map(GenerationHistory.Entry::gen).toList());
        assertEquals(List.of("3.gen", "4.gen", "5.gen"), files());
        assertNull(h.get(2), "pruned");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("history"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                state.resolve("history/5.gen"))));

        GenerationHistory again = GenerationHistory.open(state, 3, CLOCK);
        assertEquals(List.of(), again.problems());
        assertEquals(h.list(), again.list(), "the same entries after a restart");
        GenerationHistory.Entry e = again.get(4);
        assertEquals(new Caller(1004, "user4", caller(4).command()), e.caller());
        assertEquals(CLOCK.instant(), e.time());
        assertEquals(rules(4), e.rules());
        assertEquals(6, again.record(caller(6), rules(6), false).gen(), "numbers go on across restarts");
        assertEquals(List.of("4.gen", "5.gen", "6.gen"), files());

        // A smaller size at the next start prunes at once.
        GenerationHistory smaller = GenerationHistory.open(state, 2, CLOCK);
        assertEquals(List.of(5L, 6L), smaller.list().stream().map(GenerationHistory.Entry::gen).toList());
        assertEquals(List.of("5.gen", "6.gen"), files());
    }

    @Test
    void anUnchangedRulesetIsRecordedOnlyWhenAsked() throws IOException {
        GenerationHistory h = GenerationHistory.open(state, 20, CLOCK);
        assertNotNull(h.record(caller(1), rules(1), false));
        assertNull(h.record(caller(2), rules(1), false), "iptables -Z changes no rule: no new entry");
        GenerationHistory.Entry forced = h.record(caller(3), rules(1), true);
        assertEquals(2, forced.gen(), "apply and rollback record their generation whatever it holds");
    }

    @Test
    void aDamagedEntryIsNamedAndLeftOut() throws IOException {
        GenerationHistory h = GenerationHistory.open(state, 20, CLOCK);
        h.record(caller(1), rules(1), false);
        h.record(caller(2), rules(2), false);
        Files.writeString(state.resolve("history/2.gen"), "# generation 2\n# time yesterday\n");
        Files.writeString(state.resolve("history/notes.txt"), "not an entry");
        GenerationHistory again = GenerationHistory.open(state, 20, CLOCK);
        assertEquals(List.of(1L), again.list().stream().map(GenerationHistory.Entry::gen).toList());
        assertEquals(1, again.problems().size());
        assertTrue(again.problems().get(0).contains("2.gen: line 2: not a time: yesterday"), again.problems().get(0));
        assertEquals(3, again.record(caller(3), rules(3), false).gen(), "no number is given twice");
        Files.writeString(state.resolve("history/4.gen"), "# generation 4\n# time 2026-12-07T15:00:00Z\n# command x\n"
                + "*filter\n");
        List<String> problems = GenerationHistory.open(state, 20, CLOCK).problems();
        assertTrue(problems.stream().anyMatch(p -> p.endsWith("4.gen: " + state.resolve("history/4.gen")
                + ": line 4: `*filter' before the first `# TOOL-save' line (left out of the history)")), problems.toString());
    }

    @Test
    void theSizeProperty() {
        assertEquals(20, GenerationHistory.size(null));
        assertEquals(5, GenerationHistory.size(" 5 "));
        assertEquals(0, GenerationHistory.size("0"), "off");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GenerationHistory.size("-1"));
        assertEquals("pkttables.history.size=-1: not a number of generations (0 for none)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GenerationHistory.size("many"));
    }
}
