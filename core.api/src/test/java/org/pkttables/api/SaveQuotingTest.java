package org.pkttables.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pkttables.api.RulesetException;

/**
 * The save format's quoting both ways. The expected texts are what iptables-save and iptables-restore
 * 1.8.9 (nf_tables) printed and read in a network namespace on this project's machine.
 */
class SaveQuotingTest {
    @Test
    void quotesAsIptablesSave() throws Exception {
        assertEquals("hello_world-1", SaveQuoting.quote("hello_world-1"));
        assertEquals("\"it\\'s\"", SaveQuoting.quote("it's"));
        assertEquals("\"a\\\"b\"", SaveQuoting.quote("a\"b"));
        assertEquals("\"a\\\\b\"", SaveQuoting.quote("a\\b"));
        assertEquals("\"\"", SaveQuoting.quote(""));
        assertEquals("\"a $x `y` #z\"", SaveQuoting.quote("a $x `y` #z"));
        assertEquals("\"a\tb\"", SaveQuoting.quote("a\tb"));
        assertEquals("\"h\u00e9llo \u65e5\u672c\"", SaveQuoting.quote("h\u00e9llo \u65e5\u672c"));
    }

    @Test
    void splitsAsIptablesRestore() throws Exception {
        // The closing quote ends the word: iptables-restore 1.8.9 says "Bad argument `b'" for both.
        assertEquals(List.of("--comment", "a", "b"), SaveQuoting.split("--comment \"a\"b"));
        assertEquals(List.of("--comment", "ab c", "d"), SaveQuoting.split("--comment a\"b c\"d"));
        // Single quotes are ordinary characters ("Bad argument `b''").
        assertEquals(List.of("--comment", "'a", "b'"), SaveQuoting.split("--comment 'a b'"));
        // In quotes a backslash takes the next character as it is: "a\b\"\\c\'d" is ab"\c'd.
        assertEquals(List.of("ab\"\\c'd"), SaveQuoting.split("\"a\\b\\\"\\\\c\\'d\""));
        // Outside quotes a backslash is an ordinary character.
        assertEquals(List.of("-i", "e\\x", "e'x", "e#x"), SaveQuoting.split("-i e\\x e'x e#x"));
        assertEquals(List.of("-A", "INPUT", "-m", "comment", "--comment", "", "-j", "DROP"),
                SaveQuoting.split("-A INPUT -m comment --comment \"\" -j DROP"));
        assertEquals(List.of("-A", "INPUT", "-j", "DROP"), SaveQuoting.split("  -A   INPUT\t-j DROP  "));
        // Inside quotes tabs, carriage returns and control characters are kept.
        assertEquals(List.of("a\tb\rc\u0001"), SaveQuoting.split("\"a\tb\rc\u0001\""));
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        // iptables-restore 1.8.9 takes the rest of the line, newline included, as the value; we refuse it.
        RulesetException e = assertThrows(RulesetException.class, () -> SaveQuoting.split("--comment \"abc"));
        assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
        assertThrows(RulesetException.class, () -> SaveQuoting.split("--comment \"abc\\\""));
        assertThrows(RulesetException.class, () -> SaveQuoting.split("x\""));
    }

    @Test
    void quoteAndSplitAreInversesForEveryValueWithoutNewlineOrNul() throws Exception {
        Random rnd = new Random(11);
        String alphabet = "aZ9_-'\"\\$#!*:[]/ \t\r\u000b\f\u0001\u007f\u00e9\u00a0\u2028\u65e5";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(12);
            for (int i = 0; i < len; i++) {
                if (rnd.nextInt(20) == 0) {
                    sb.appendCodePoint(0x1F600 + rnd.nextInt(40)); // a surrogate pair
                } else {
                    sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
                }
            }
            String v = sb.toString();
            assertNull(SaveQuoting.unsavable(v));
            String line = "-A INPUT --comment " + SaveQuoting.quote(v) + " -j DROP";
            assertEquals(List.of("-A", "INPUT", "--comment", v, "-j", "DROP"), SaveQuoting.split(line), line);
            if (SaveQuoting.plain(v)) {
                assertEquals(List.of("-i", v, "-j", "DROP"), SaveQuoting.split("-i " + v + " -j DROP"), v);
            }
        }
    }

    @Test
    void newlinesAndNulCannotBeSaved() {
        assertEquals("a newline", SaveQuoting.unsavable("a\nb"));
        assertEquals("a NUL character", SaveQuoting.unsavable("a\u0000b"));
        assertNull(SaveQuoting.unsavable("a\rb\tc"));
        assertFalse(SaveQuoting.plain("e\"x"));
        assertFalse(SaveQuoting.plain("e x"));
        assertFalse(SaveQuoting.plain(""));
        assertTrue(SaveQuoting.plain("e'x\\#\u00e9"));
        assertEquals("\"a\\nb\\x00\\t\\\"\"", SaveQuoting.visible("a\nb\u0000\t\""));
    }
}
