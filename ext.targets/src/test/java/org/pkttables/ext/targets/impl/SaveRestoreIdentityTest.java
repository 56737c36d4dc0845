package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pkttables.api.ChainInfo;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.RulesetException;
import org.pkttables.api.TableInfo;
import org.pkttables.tables.testing.Harness;

/**
 * Save then restore is the identity for every rule the tools accept: seeded random rules over many
 * extensions, with hostile text (quotes, backslashes, {@code $}, {@code #}, blanks, tabs, control
 * characters, non-ASCII, maximum lengths) in every free-text value, are added one by one; the save is
 * restored into a fresh core (a restart) and saved again, byte for byte the same, with the same rules
 * (canonical words, unquoted); the {@code -S} listing restores to itself too. A value that cannot be
 * saved (a newline, a NUL, a blank where the save prints it unquoted, too long) is refused when added,
 * naming the option, and leaves the ruleset as it was. {@code -Dsaverestore.seed=N} and
 * {@code -Dsaverestore.rules=N} run other or more cases.
 */
class SaveRestoreIdentityTest {
    private static final long SEED = Long.getLong("saverestore.seed", 11L);
    private static final int RULES = Integer.getInteger("saverestore.rules", 600);

    /** Characters a hostile value is made of: shell and save-format specials, blanks, controls, non-ASCII. */
    private static final String HOSTILE = "abcXYZ019_-'\"\\$#!*:;[]=&|()`%+,./@ \t\r\u0001\u001f\u007f\u00a0\u00e9\u2028\u65e5";
    /** What may be in an interface name or another value saved unquoted (mostly valid, sometimes not). */
    private static final String NAMEISH = "abcxyz0189_-'\\$#!*;[]=&|()`%+,.@\u00e9\u65e5";
    private static final String BREAKERS = " \t\"\n\u0000/:\r";

    private final Random rnd = new Random(SEED);

    /** One rule: its command words, and whether every value in it is one the tool must accept. */
    private record Rule(List<String> args, boolean valid, List<String> why) {
    }

    private final class RuleBuilder {
        final List<String> args = new ArrayList<>();
        boolean valid = true;
        final List<String> why = new ArrayList<>();

        RuleBuilder add(String... words) {
            args.addAll(List.of(words));
            return this;
        }

        /** A value the tool must accept exactly when {@code ok}. */
        RuleBuilder value(String option, String v, boolean ok) {
            args.add(option);
            args.add(v);
            // A lone "!" after an option is an inversion mark, never a value.
            if (!ok || v.equals("!")) {
                valid = false;
                why.add(option);
            }
            return this;
        }

        Rule build() {
            return new Rule(List.copyOf(args), valid, why);
        }
    }

    private String text(String alphabet, int maxChars) {
        StringBuilder sb = new StringBuilder();
        int len = rnd.nextInt(4) == 0 ? maxChars : rnd.nextInt(maxChars + 1);
        while (sb.length() < len) {
            if (rnd.nextInt(25) == 0 && sb.length() + 2 <= len) {
                sb.appendCodePoint(0x1F600 + rnd.nextInt(40)); // outside the BMP: a surrogate pair
            } else {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
        }
        return sb.toString();
    }

    /** Hostile free text; now and then with a newline or NUL, or longer than allowed. */
    private String hostile(int maxChars) {
        String s = text(HOSTILE, maxChars);
        int r = rnd.nextInt(30);
        if (r == 0) {
            s = s + "\n" + text(HOSTILE, 3);
        } else if (r == 1) {
            s = text(HOSTILE, 2) + "\u0000" + s;
        }
        return s;
    }

    /** A name-like value; now and then with a character that cannot be saved unquoted, or too long. */
    private String nameish(int maxChars) {
        String s = text(NAMEISH, maxChars - 1) + NAMEISH.charAt(rnd.nextInt(NAMEISH.length()));
        if (rnd.nextInt(12) == 0) {
            int at = rnd.nextInt(s.length() + 1);
            s = s.substring(0, at) + BREAKERS.charAt(rnd.nextInt(BREAKERS.length())) + s.substring(at);
        }
        return s;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static boolean has(String s, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            if (s.indexOf(chars.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** What the save prints unquoted must have no blank, double quote or NUL, and may not be "!". */
    private static boolean plain(String s) {
        return !s.isEmpty() && !has(s, " \t\n\r\f\u000b\"\u0000") && !s.equals("!");
    }

    private static boolean ifaceOk(String s) {
        return s.length() <= 15 && plain(s) && !has(s, "/:");
    }

    /** --nflog-prefix keeps at most 127 bytes (whole characters), as the kernel's field does. */
    private static String nflogCut(String s) {
        int bytes = 0;
        int end = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int n = utf8(new String(Character.toChars(cp)));
            if (bytes + n > 127) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private String port() {
        return Integer.toString(rnd.nextInt(65536));
    }

    private String addr(boolean v6) {
        return v6 ? "2001:db8::" + Integer.toHexString(rnd.nextInt(65536)) + "/" + (64 + rnd.nextInt(65))
                : "10." + rnd.nextInt(256) + "." + rnd.nextInt(256) + ".0/" + (8 + rnd.nextInt(17));
    }

    /** A random rule for {@code chain} of the filter table ({@code user} when a user chain). */
    private Rule filterRule(boolean v6, String chain, boolean user, List<String> later) {
        RuleBuilder b = new RuleBuilder().add("-A", chain);
        boolean in = user || !chain.equals("OUTPUT");
        boolean out = user || !chain.equals("INPUT");
        if (rnd.nextInt(3) == 0) {
            b.add(pick("-s", "-d"), addr(v6));
        }
        if (in && rnd.nextInt(4) == 0) {
            String i = nameish(16);
            if (rnd.nextBoolean() && !i.equals("+")) {
                b.add("!"); // "! -i +" never matches and is refused
            }
            b.value("-i", i, ifaceOk(i));
        }
        if (out && rnd.nextInt(5) == 0) {
            String o = nameish(16);
            b.value("-o", o, ifaceOk(o));
        }
        String proto = pick("", "", "tcp", "udp", "icmp");
        switch (proto) {
            case "tcp" -> {
                b.add("-p", "tcp");
                switch (rnd.nextInt(4)) {
                    case 0 -> b.add("--dport", port());
                    case 1 -> b.add("-m", "tcp", "--sport", "1024:", "--tcp-flags", "SYN,RST", "SYN");
                    case 2 -> b.add("-m", "multiport", "--dports", port() + "," + "80:90");
                    default -> b.add("--syn");
                }
            }
            case "udp" -> b.add("-p", "udp", "--dport", port());
            case "icmp" -> {
                if (v6) {
                    b.add("-p", "ipv6-icmp", "-m", "icmp6", "--icmpv6-type", "128");
                } else {
                    b.add("-p", "icmp", "--icmp-type", pick("8", "echo-reply", "3/4"));
                }
            }
            default -> {
            }
        }
        int matches = rnd.nextInt(4);
        for (int k = 0; k < matches; k++) {
            switch (rnd.nextInt(14)) {
                case 0, 1, 2 -> {
                    String c = hostile(rnd.nextInt(8) == 0 ? 130 : 40);
                    if (rnd.nextInt(10) == 0) {
                        c = "\u00e9".repeat(127) + text("ab", 2); // 254 to 256 bytes
                    }
                    b.add("-m", "comment");
                    b.value("--comment", c, utf8(c) <= 255 && !has(c, "\n\u0000"));
                }
                case 3 -> {
                    String n = nameish(rnd.nextInt(6) == 0 ? 200 : 20);
                    b.add("-m", "recent", "--set");
                    b.value("--name", n, n.length() <= 199 && plain(n) && !n.contains("/"));
                    b.add(pick("--rsource", "--rdest"));
                }
                case 4 -> {
                    String n = nameish(30);
                    b.add("-m", "hashlimit", "--hashlimit-upto", pick("5/sec", "10/min", "1/hour"));
                    b.value("--hashlimit-name", n, plain(n));
                }
                case 5 -> {
                    String s = hostile(rnd.nextInt(6) == 0 ? 140 : 30);
                    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                        s = "x" + s; // such a word is the listing's own quoted form, read unquoted
                    }
                    b.add("-m", "string", "--algo", pick("bm", "kmp"));
                    b.value("--string", s, utf8(s) >= 1 && utf8(s) <= 128);
                }
                case 6 -> {
                    if (chain.equals("OUTPUT")) {
                        break;
                    }
                    String p = nameish(16);
                    b.add("-m", "physdev");
                    // --physdev-out only where bridged traffic leaves: FORWARD (and chains it may reach).
                    b.value(chain.equals("INPUT") ? "--physdev-in" : pick("--physdev-in", "--physdev-out"), p, ifaceOk(p));
                }
                case 7 -> b.add("-m", "mark", "--mark", "0x" + Integer.toHexString(rnd.nextInt()) + "/0xff");
                case 8 -> b.add("-m", "length", "--length", rnd.nextInt(100) + ":" + (100 + rnd.nextInt(1400)));
                case 9 -> b.add("-m", "limit", "--limit", pick("3/min", "5/sec", "1/day"), "--limit-burst", "7");
                case 10 -> b.add("-m", "iprange", v6 ? "--src-range" : "--dst-range",
                        v6 ? "2001:db8::1-2001:db8::9" : "10.0.0.1-10.0.0." + (1 + rnd.nextInt(255)));
                case 11 -> b.add("-m", "time", "--timestart", "08:00", "--timestop", "17:30:05");
                case 12 -> b.add("-m", "statistic", "--mode", "nth", "--every", "3", "--packet", "1");
                default -> b.add("-m", v6 ? "hl" : "ttl", v6 ? "--hl-eq" : "--ttl-eq", Integer.toString(rnd.nextInt(256)));
            }
        }
        switch (rnd.nextInt(8)) {
            case 0 -> {
                String p = hostile(rnd.nextInt(5) == 0 ? 35 : 20);
                b.add("-j", "LOG");
                // (longer than 29 bytes: cut, as 1.8.9 does)
                b.value("--log-prefix", p, utf8(p) >= 1 && !has(p, "\n\r\u0000"));
                if (rnd.nextBoolean()) {
                    b.add("--log-level", pick("4", "debug", "7"));
                }
            }
            case 1 -> {
                String p = hostile(rnd.nextInt(4) == 0 ? 140 : 30);
                b.add("-j", "NFLOG");
                b.value("--nflog-prefix", p, !p.isEmpty() && !has(nflogCut(p), "\n\u0000"));
                b.add("--nflog-group", Integer.toString(rnd.nextInt(65536)));
            }
            case 2 -> {
                if (!later.isEmpty()) {
                    b.add(rnd.nextInt(4) == 0 ? "-g" : "-j", later.get(rnd.nextInt(later.size())));
                }
            }
            case 3 -> {
            }
            default -> b.add("-j", pick("ACCEPT", "DROP", user ? "RETURN" : "ACCEPT"));
        }
        return b.build();
    }

    /** A random rule for the mangle table: marks and TOS/DSCP/TTL changes, with a hostile comment. */
    private Rule mangleRule(boolean v6) {
        RuleBuilder b = new RuleBuilder().add("-A", pick("PREROUTING", "POSTROUTING", "FORWARD"));
        if (rnd.nextBoolean()) {
            String c = hostile(50);
            b.add("-m", "comment");
            b.value("--comment", c, !has(c, "\n\u0000"));
        }
        switch (rnd.nextInt(4)) {
            case 0 -> b.add("-j", "MARK", "--set-xmark", "0x" + Integer.toHexString(rnd.nextInt()) + "/0xffff");
            case 1 -> b.add("-j", "DSCP", "--set-dscp", Integer.toString(rnd.nextInt(64)));
            case 2 -> b.add("-j", v6 ? "HL" : "TTL", v6 ? "--hl-set" : "--ttl-set", Integer.toString(rnd.nextInt(256)));
            default -> b.add("-j", "MARK", "--set-mark", Integer.toString(rnd.nextInt(1000)));
        }
        return b.build();
    }

    private static String save(Harness h, String tool) {
        Result r = h.run(tool + "-save");
        assertEquals(0, r.exit(), r.err());
        // The only lines that differ between two saves are the comments with the date.
        return r.out().replaceAll("(?m)^#.*\n", "");
    }

    /** Every rule of every table: chain, then its canonical words unquoted (the values as the rule holds them). */
    private static Map<String, List<RuleSpec>> structure(Harness h, Family f) {
        Map<String, List<RuleSpec>> out = new LinkedHashMap<>();
        try {
            for (String t : h.ruleset().tables(f)) {
                TableInfo ti = h.ruleset().table(f, t);
                for (ChainInfo c : ti.chains()) {
                    List<RuleSpec> specs = new ArrayList<>();
                    for (RuleInfo r : c.rules()) {
                        specs.add(r.spec());
                    }
                    out.put(t + "/" + c.name() + "/" + c.policy(), specs);
                }
            }
        } catch (RulesetException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static String describe(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            sb.append(" [").append(a.replace("\n", "\\n").replace("\u0000", "\\0")).append(']');
        }
        return sb.toString();
    }

    @Test
    void everyAcceptedRuleSurvivesSaveAndRestoreAndRefusedOnesLeaveNothing() {
        Harness h = AllExtensions.harness();
        int accepted = 0;
        int refused = 0;
        for (String tool : List.of("iptables", "ip6tables")) {
            boolean v6 = tool.equals("ip6tables");
            List<String> chains = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // Chain names with everything a chain name may hold (no blank, double quote or NUL).
                String name = "c" + i + text("abcz09_'\\$#*:[]=&|()`%+,.@\u00e9", 20);
                Result r = h.run(tool, "-N", name);
                assertEquals(0, r.exit(), () -> name + ": " + r.err());
                chains.add(name);
            }
            for (int n = 0; n < RULES; n++) {
                int c = rnd.nextInt(chains.size() + 3);
                Rule rule;
                String table = "filter";
                if (rnd.nextInt(8) == 0) {
                    table = "mangle";
                    rule = mangleRule(v6);
                } else if (c < 3) {
                    rule = filterRule(v6, List.of("INPUT", "FORWARD", "OUTPUT").get(c), false, chains);
                } else {
                    // User chains jump only to chains created after them: no loops, depth at most 6.
                    rule = filterRule(v6, chains.get(c - 3), true, chains.subList(c - 2, chains.size()));
                }
                List<String> args = new ArrayList<>(List.of("-t", table));
                args.addAll(rule.args());
                // A refused rule commits nothing (the generation stays); every 8th also compares the save.
                boolean compare = !rule.valid() && refused % 8 == 0;
                String before = compare ? save(h, tool) : null;
                long generation = h.ruleset().generation();
                Result r = h.run(tool, args.toArray(new String[0]));
                if (rule.valid()) {
                    assertEquals(0, r.exit(), () -> "refused:" + describe(args) + "\n" + r.err());
                    accepted++;
                } else {
                    assertNotEquals(0, r.exit(), () -> "accepted, but " + rule.why() + " is bad:" + describe(args));
                    assertTrue(rule.why().stream().anyMatch(o -> r.err().contains(o)),
                            () -> "the error names none of " + rule.why() + ": " + r.err());
                    assertEquals(generation, h.ruleset().generation(), () -> "committed a refused rule:" + describe(args));
                    if (compare) {
                        assertEquals(before, save(h, tool), () -> "changed by a refused rule:" + describe(args));
                    }
                    refused++;
                }
            }
            String first = save(h, tool);
            Harness restarted = AllExtensions.harness();
            Result r = restarted.withInput(h.run(tool + "-save").out(), tool + "-restore");
            assertEquals(0, r.exit(), r.err());
            assertEquals(first, save(restarted, tool));
            Family f = v6 ? Family.IPV6 : Family.IPV4;
            assertEquals(structure(h, f), structure(restarted, f));
            Harness twice = AllExtensions.harness();
            r = twice.withInput(restarted.run(tool + "-save").out(), tool + "-restore");
            assertEquals(0, r.exit(), r.err());
            assertEquals(first, save(twice, tool));

            // The -S form: its lines are restore lines too, and restore to the same listing.
            for (String table : List.of("filter", "mangle")) {
                String listed = h.run(tool, "-t", table, "-S").out();
                Harness fromList = AllExtensions.harness();
                r = fromList.withInput("*" + table + "\n" + listed + "COMMIT\n", tool + "-restore");
                assertEquals(0, r.exit(), r.err());
                assertEquals(listed, fromList.run(tool, "-t", table, "-S").out());
            }
        }
        // The generator must exercise both sides: most rules valid, some refused.
        assertTrue(accepted > RULES, "accepted " + accepted);
        assertTrue(refused > RULES / 20, "refused " + refused);
    }
}
