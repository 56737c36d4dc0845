package org.pkttables.tables.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.tables.testing.Harness;

/**
 * What is accepted survives a save and a restore unchanged (a restart), and what cannot is refused
 * when added, naming the option and the value, with nothing applied.
 */
class SaveFormatTest {
    private static Harness harness() {
        return new Harness().with(new TestFamily.Ipv4(), new TestFamily.Dport(), new TestFamily.Comment(),
                new TestFamily.Mark());
    }

    private static String save(Harness h) {
        Result r = h.run("iptables-save");
        assertEquals(0, r.exit(), r.err());
        return r.out().replaceAll("(?m)^#.*\n", "");
    }

    /** A restart: the save restored into a fresh core, whose save is returned. */
    private static Harness restart(Harness h) {
        Harness fresh = harness();
        Result r = fresh.withInput(h.run("iptables-save").out(), "iptables-restore");
        assertEquals(0, r.exit(), r.err());
        return fresh;
    }

    private static List<String> words(Harness h, String chain) {
        List<RuleInfo> rules;
        try {
            rules = h.ruleset().table(Family.IPV4, "filter").chain(chain).rules();
        } catch (org.pkttables.api.RulesetException e) {
            throw new AssertionError(e);
        }
        // The rules' canonical words, unquoted: each value exactly as the rule holds it.
        return rules.stream().map(r -> r.spec().toString()).toList();
    }

    private static List<String> comments(Harness h) {
        try {
            return h.ruleset().table(Family.IPV4, "filter").chain("INPUT").rules().stream()
                    .map(r -> r.spec().matches().get(0).words().get(1)).toList();
        } catch (org.pkttables.api.RulesetException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anApostropheGainsNoBackslashAcrossRestarts() {
        Harness h = harness();
        assertEquals(0, h.run("iptables", "-A", "INPUT", "-m", "comment", "--comment", "it's", "-j", "DROP").exit());
        String first = save(h);
        assertTrue(first.contains("--comment \"it\\'s\""), first);
        for (int i = 0; i < 3; i++) {
            h = restart(h);
            assertEquals(first, save(h));
        }
        assertEquals(List.of("it's"), comments(h));
    }

    @Test
    void hostileValuesRestoreByteForByte() {
        String max = "\u00e9".repeat(127) + "x"; // 255 bytes of UTF-8
        List<String> comments = List.of("a\"b", "a\\b", "ab\\", "\\\"", "a $x `y` #z", "#x", "*filter", "COMMIT",
                ":INPUT ACCEPT", "[1:2]", "", "  a  ", "a\tb", "a\rb", "ab\r", "a\u0001b\u007f", "h\u00e9llo \u65e5\u672c \ud83d\ude00",
                "\"".repeat(255), "\\".repeat(255), "'".repeat(255), max, "-j", "!x", "--comment", "\u2028\u00a0");
        Harness h = harness();
        assertEquals(0, h.run("iptables", "-N", "a'b\\c#").exit());
        for (String c : comments) {
            Result r = h.run("iptables", "-A", "INPUT", "-i", "e'x\\#", "-m", "comment", "--comment", c, "-j", "a'b\\c#");
            assertEquals(0, r.exit(), () -> c + ": " + r.err());
        }
        String first = save(h);
        List<String> rules = words(h, "INPUT");
        Harness again = restart(restart(h));
        assertEquals(first, save(again));
        assertEquals(rules, words(again, "INPUT"));
        assertEquals(comments.size(), rules.size());
    }

    @Test
    void newlineAndNulAreRefusedNamingOptionAndValueAndNothingChanges() {
        Harness h = harness();
        assertEquals(0, h.run("iptables", "-A", "INPUT", "-m", "comment", "--comment", "keep", "-j", "DROP").exit());
        String before = save(h);
        Result r = h.run("iptables", "-A", "INPUT", "-m", "comment", "--comment", "a\nb", "-j", "DROP");
        assertEquals(1, r.exit());
        assertEquals("iptables: match \"comment\": --comment: value \"a\\nb\" holds a newline, which a saved ruleset"
                + " cannot hold (one rule per line)\n", r.err());
        r = h.run("iptables", "-I", "INPUT", "-m", "comment", "--comment", "a\u0000b", "-j", "DROP");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--comment: value \"a\\x00b\" holds a NUL character"), r.err());
        r = h.run("iptables", "-R", "INPUT", "1", "-i", "eth\n0", "-j", "DROP");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("iptables: -i: value \"eth\\n0\" holds a newline"), r.err());
        r = h.run("iptables", "-A", "INPUT", "-i", "e\"x", "-j", "DROP");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("iptables: -i: value \"e\\\"x\" cannot be saved and restored unchanged"), r.err());
        r = h.run("iptables", "-A", "INPUT", "-i", "e\tx", "-j", "DROP");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("-i: value \"e\\tx\" cannot be saved and restored unchanged: it would read back"
                + " as 2 words"), r.err());
        r = h.run("iptables", "-N", "a\"b");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("chain name \"a\\\"b\" may not contain a double quote"), r.err());
        r = h.run("iptables", "-N", "a\u0000b");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("may not contain a NUL character"), r.err());
        assertEquals(before, save(h));
    }

    @Test
    void aSaveOfAnEarlierVersionKeepsTheBackslashItHadGained() {
        // Before this fix, "it\'s" was read back as it\'s and saved as "it\\\'s": that is read as it\'s now.
        Harness h = harness();
        Result r = h.withInput("*filter\n-A INPUT -m comment --comment \"it\\\\\\'s\" -j DROP\nCOMMIT\n",
                "iptables-restore");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("it\\'s"), comments(h));
    }

    @Test
    void restoreReadsLinesAsIptablesRestore() {
        Harness h = harness();
        // As iptables-restore 1.8.9 (checked in a netns): a word the parser cannot place, without the version
        // prefix, then the line, exit 2.
        String tryRestore = "Try `iptables-restore -h' or 'iptables-restore --help' for more information.\n";
        Result r = h.withInput("*filter\r\n-A INPUT -m comment --comment \"a\"b -j DROP\r\nCOMMIT\r\n", "iptables-restore");
        assertEquals("2 Bad argument `b'\nError occurred at line: 2\n" + tryRestore, r.exit() + " " + r.err());
        r = h.withInput("*filter\n-A INPUT -m comment --comment 'a b' -j DROP\nCOMMIT\n", "iptables-restore");
        assertEquals("2 Bad argument `b''\nError occurred at line: 2\n" + tryRestore, r.exit() + " " + r.err());
        r = h.withInput("*filter\n-A INPUT -j ACCEPT\n-A INPUT -p tcp -g X -j DROP\nCOMMIT\n", "iptables-restore");
        assertEquals("2 iptables-restore v1.8.9 (nf_tables): multiple -j flags not allowed\nError occurred at line: 3\n"
                + tryRestore, r.exit() + " " + r.err());
        r = h.withInput("*filter\n-A INPUT -p tcp --bogus 22 -j ACCEPT\nCOMMIT\n", "iptables-restore");
        assertEquals("2 iptables-restore v1.8.9 (nf_tables): unknown option \"--bogus\"\nError occurred at line: 2\n"
                + tryRestore, r.exit() + " " + r.err());
        // A usage problem of a line (rule words after -F) names the line too.
        r = h.withInput("*filter\n-F INPUT extra\nCOMMIT\n", "iptables-restore");
        assertEquals(2, r.exit(), r.err());
        assertEquals("Bad argument `extra'\nError occurred at line: 2\n" + tryRestore, r.err()); // 1.8.9's words
        assertEquals(List.of(), comments(h), "nothing of a refused restore is applied");
        // The command line says the same words, with iptables' own Try line.
        r = h.sh("iptables -A INPUT frob -j ACCEPT");
        assertEquals("2 Bad argument `frob'\nTry `iptables -h' or 'iptables --help' for more information.\n",
                r.exit() + " " + r.err());
        r = h.withInput("*filter\n-A INPUT -m comment --comment \"a b -j DROP\nCOMMIT\n", "iptables-restore");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("line 2 failed: unterminated \" quote"), r.err());
        r = h.withInput("*filter\r\n-A INPUT -m comment --comment 'ab' -j DROP\r\nCOMMIT\r\n", "iptables-restore");
        assertEquals(0, r.exit(), r.err());
        assertEquals("-A INPUT -m comment --comment \"\\'ab\\'\" -j DROP\n", h.run("iptables", "-S", "INPUT").out()
                .replace("-P INPUT ACCEPT\n", ""));
    }
}
