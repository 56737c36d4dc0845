package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.CommandFrontend;
import org.pkttables.tables.testing.Harness;

/**
 * A ruleset with one rule per stateless extension (matches and targets) through {@code iptables-restore}
 * and {@code iptables-save}: the save must equal what the real iptables-save 1.8.9 printed after restoring
 * the same input in a network namespace ({@code *-saved.rules}, comment lines dropped), table by table; and
 * restoring that save must give it back unchanged.
 */
class SaveRestoreRoundTripTest {
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "iptables, v4-input.rules, v4-saved.rules",
        "iptables, v4-saved.rules, v4-saved.rules",
        "ip6tables, v6-input.rules, v6-saved.rules",
        "ip6tables, v6-saved.rules, v6-saved.rules",
    })
    void savesAsTheRealTool(String tool, String input, String saved) {
        Harness h = AllExtensions.harness();
        CommandFrontend.Result r = h.withInput(resource(input), tool + "-restore");
        assertEquals(0, r.exit(), r::err);
        CommandFrontend.Result s = h.run(tool + "-save");
        assertEquals(0, s.exit(), s::err);
        assertEquals(tables(resource(saved)), tables(s.out()));
    }

    /**
     * Hostile comments, chain and interface names (quotes, backslashes, {@code $}, {@code #}, tabs,
     * non-ASCII, 255 bytes), log prefixes and string patterns: the save equals what iptables-save
     * 1.8.9 printed after restoring the same file with {@code -c}, and restores to itself.
     */
    @Test
    void hostileValuesSaveAsTheRealTool() {
        Harness h = AllExtensions.harness();
        CommandFrontend.Result r = h.withInput(resource("/fuzz/restore/v4-hostile-comments.rules"), "iptables-restore", "-c");
        assertEquals(0, r.exit(), r::err);
        String saved = h.run("iptables-save", "-c").out();
        assertEquals(tables(resource("/fuzz/restore/v4-hostile-comments.saved")), tables(saved));
        Harness again = AllExtensions.harness();
        r = again.withInput(saved, "iptables-restore", "-c");
        assertEquals(0, r.exit(), r::err);
        assertEquals(tables(saved), tables(again.run("iptables-save", "-c").out()));
    }

    /** The save text per table, without comment lines (dates, versions). */
    private static Map<String, String> tables(String save) {
        Map<String, String> out = new LinkedHashMap<>();
        String table = null;
        StringBuilder b = new StringBuilder();
        for (String line : save.lines().toList()) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                table = line.substring(1);
                b.setLength(0);
            }
            b.append(line).append('\n');
            if (line.equals("COMMIT")) {
                out.put(table, b.toString());
            }
        }
        return out;
    }

    private static String resource(String name) {
        String path = name.startsWith("/") ? name : "/roundtrip/" + name;
        try (InputStream in = SaveRestoreRoundTripTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
