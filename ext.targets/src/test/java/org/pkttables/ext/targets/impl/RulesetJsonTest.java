package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.jr.ob.JSON;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.tables.testing.Harness;

/**
 * The JSON ruleset ({@code iptables -S/-L --json}, {@code iptables-save --json}, {@code ruleset-save
 * --json}) and its restore ({@code ruleset-restore --json}): a standard parser (python3's json) reads
 * every listing, values hostile to hand-written writers come back unchanged, the JSON of a ruleset with
 * one rule per extension and of 10,000 rules restores to an identical {@code iptables-save}, and bad input
 * is refused naming the place with nothing applied.
 */
class RulesetJsonTest {
    /** Quotes, backslashes, a tab and non-ASCII: what broke the hand-written JSON writers. */
    private static final String HOSTILE = "say \"hi\" \\ back\tslash \u00e9\u00fc \u65e5\u672c";

    @Test
    void everyListingParsesWithPythonsJsonAndKeepsHostileComments() throws IOException, InterruptedException {
        Harness h = AllExtensions.harness();
        run(h, "iptables", "-N", "web");
        run(h, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "80", "-m", "comment", "--comment", HOSTILE,
                "-j", "web");
        run(h, "iptables", "-A", "web", "-s", "10.0.0.0/8", "-j", "LOG", "--log-prefix", "x\"y\\z ");
        run(h, "ip6tables", "-A", "FORWARD", "-m", "comment", "--comment", HOSTILE, "-j", "DROP");
        for (List<String> command : List.of(List.of("iptables", "-S", "--json"), List.of("iptables", "-L", "--json"),
                List.of("iptables", "-L", "INPUT", "--json"), List.of("iptables", "-S", "INPUT", "1", "--json"),
                List.of("iptables", "-v", "-n", "-L", "--json"), List.of("iptables-save", "--json"),
                List.of("iptables-save", "-c", "--json"), List.of("ip6tables", "-S", "--json"),
                List.of("ip6tables-save", "--json"), List.of("ruleset-save", "--json"))) {
            Result r = h.run(command.get(0), command.subList(1, command.size()).toArray(new String[0]));
            assertEquals(0, r.exit(), command + ": " + r.err());
            assertTrue(r.out().endsWith("}\n") && r.out().indexOf('\n') == r.out().length() - 1,
                    command + " is one line: " + r.out());
            String comments = python("import json,sys\n"
                    + "d=json.load(sys.stdin)\n"
                    + "print('\\n'.join(i['rule'].get('comment','-') for i in d['pkttables'] if 'rule' in i))", r.out());
            assertTrue(comments.contains(HOSTILE), command + ": python read " + comments);
        }
        Map<String, Object> doc = JSON.std.mapFrom(h.run("iptables", "-S", "INPUT", "--json").out());
        List<?> items = (List<?>) doc.get("pkttables");
        Map<?, ?> rule = (Map<?, ?>) ((Map<?, ?>) items.get(items.size() - 1)).get("rule");
        assertEquals("INPUT", rule.get("chain"));
        assertEquals(1, rule.get("position"));
        assertEquals(HOSTILE, rule.get("comment"));
        assertEquals(Map.of("name", "web"), rule.get("target"));
        // the matches carry the descriptor's parameters: tcp's --dport with its value
        assertTrue(rule.get("matches").toString().contains("{name=tcp, params=[{option=--dport, value=80}]}"),
                rule.toString());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "iptables, /roundtrip/v4-input.rules",
        "ip6tables, /roundtrip/v6-input.rules",
        "iptables, /fuzz/restore/v4-hostile-comments.rules",
        "iptables, /fuzz/restore/v4-extensions.rules",
        "ip6tables, /fuzz/restore/v6-extensions.rules",
    })
    void theJsonOfEveryExtensionRestoresToTheSameSave(String tool, String rules) {
        Harness h = AllExtensions.harness();
        assertEquals(0, h.withInput(resource(rules), tool + "-restore", "-c").exit());
        String save = h.run(tool + "-save", "-c").out();
        String json = h.run(tool + "-save", "--json").out();
        Harness again = AllExtensions.harness();
        Result r = again.withInput(json, "ruleset-restore", "--json", "-c");
        assertEquals(0, r.exit(), r.err());
        assertEquals(withoutComments(save), withoutComments(again.run(tool + "-save", "-c").out()));
        // and the JSON of the restored ruleset is the same document but for the metainfo and the handles
        // (the restore adds the rules in the document's order, the file added them in its own)
        String back = again.run(tool + "-save", "--json").out();
        assertEquals(withoutHandles(json.substring(json.indexOf("{\"table\""))),
                withoutHandles(back.substring(back.indexOf("{\"table\""))));
    }

    @Test
    void tenThousandRulesRoundTripToAnIdenticalSave() {
        StringBuilder rules = new StringBuilder("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int c = 0; c < 100; c++) {
            rules.append(":c").append(c).append(" - [0:0]\n");
        }
        for (int i = 0; i < 10_000; i++) {
            int chain = i % 100;
            String where = i % 7 == 0 ? "INPUT" : i % 7 == 1 ? "FORWARD" : "c" + chain;
            rules.append("-A ").append(where);
            rules.append(i % 2 == 0 ? " -s " : " ! -d ").append(10 + i / 65536).append('.').append(i / 256 % 256)
                    .append('.').append(i % 256).append(".0/24");
            switch (i % 5) {
                case 0 -> rules.append(" -p tcp -m tcp --dport ").append(1 + i % 65000).append(" -m comment --comment \"r")
                        .append(i).append(" \\\"q\\\" tab\tend\"");
                case 1 -> rules.append(" -p udp -m multiport --dports 53,").append(100 + i % 900);
                case 2 -> rules.append(" -m mark --mark 0x").append(Integer.toHexString(i)).append("/0xffff");
                case 3 -> rules.append(" -p icmp -m icmp --icmp-type 8 -m limit --limit 5/sec");
                default -> rules.append(" -i eth").append(i % 4).append(" -m length --length 64:1500");
            }
            if (where.equals("INPUT") || where.equals("FORWARD")) {
                rules.append(i % 3 == 0 ? " -g c" : " -j c").append(chain == 99 ? 98 : chain + 1);
            } else {
                if (i % 3 == 0) {
                    rules.append(" -j ACCEPT");
                } else if (i % 3 == 1) {
                    rules.append(i % 5 == 0 ? " -j REJECT --reject-with tcp-reset" : " -j RETURN");
                }
            }
            rules.append('\n');
        }
        rules.append("COMMIT\n");
        Harness h = AllExtensions.harness();
        Result loaded = h.withInput(rules.toString(), "iptables-restore");
        assertEquals(0, loaded.exit(), loaded.err());
        String save = h.run("iptables-save").out();
        assertEquals(10_000, save.lines().filter(l -> l.startsWith("-A ")).count());
        String json = h.run("iptables-save", "--json").out();
        Harness again = AllExtensions.harness();
        Result r = again.withInput(json, "ruleset-restore", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(withoutComments(save), withoutComments(again.run("iptables-save").out()));
    }

    @Test
    void badInputIsRefusedNamingThePlaceAndNothingIsApplied() {
        Harness h = AllExtensions.harness();
        run(h, "iptables", "-A", "INPUT", "-s", "10.1.1.1", "-j", "DROP");
        String before = withoutComments(h.run("iptables-save").out());
        long generation = h.ruleset().generation();
        String good = h.run("iptables-save", "--json").out();

        Result notJson = h.withInput(good.substring(0, good.length() / 2), "ruleset-restore", "--json");
        assertEquals(1, notJson.exit());
        assertTrue(notJson.err().contains("not valid JSON") && notJson.err().contains("line 1, column ")
                && notJson.err().contains("nothing restored"), notJson.err());

        Result unknownKey = h.withInput(good.replace("\"position\":1", "\"position\":1,\"colour\":\"red\""),
                "ruleset-restore", "--json");
        assertEquals(1, unknownKey.exit());
        assertTrue(unknownKey.err().contains("unknown key `colour'") && unknownKey.err().matches("(?s).*pkttables\\[\\d+\\].*"),
                unknownKey.err());

        // a second, broken rule after a good one: the engine refuses it, the error names it, nothing applies
        String broken = good.replace("]}\n", ",{\"rule\":{\"family\":\"ipv4\",\"table\":\"filter\",\"chain\":\"INPUT\","
                + "\"matches\":[{\"name\":\"tcp\",\"params\":[{\"option\":\"--dport\",\"value\":\"99999\"}]}],"
                + "\"target\":{\"name\":\"ACCEPT\"}}}]}\n");
        Result refused = h.withInput(broken, "ruleset-restore", "--json");
        assertEquals(1, refused.exit());
        assertTrue(refused.err().contains("(rule 2 of ipv4 filter INPUT)") && refused.err().contains("nothing restored"),
                refused.err());

        Result noTable = h.withInput("{\"pkttables\":[{\"chain\":{\"family\":\"ipv4\",\"table\":\"filter\",\"name\":\"x\"}}]}",
                "ruleset-restore", "--json");
        assertEquals(1, noTable.exit());
        assertTrue(noTable.err().contains("pkttables[0]") && noTable.err().contains("has no {\"table\""), noTable.err());

        Result withoutFlag = h.withInput(good, "ruleset-restore");
        assertEquals(2, withoutFlag.exit());

        assertEquals(generation, h.ruleset().generation());
        assertEquals(before, withoutComments(h.run("iptables-save").out()));
        // --test checks the whole document and applies nothing
        Result test = h.withInput(good.replace("10.1.1.1", "10.2.2.2"), "ruleset-restore", "--json", "--test");
        assertEquals(0, test.exit(), test.err());
        assertEquals(before, withoutComments(h.run("iptables-save").out()));
    }

    private static void run(Harness h, String command, String... args) {
        Result r = h.run(command, args);
        assertEquals(0, r.exit(), () -> command + " " + String.join(" ", args) + ": " + r.err());
    }

    /** Runs python3 (Debian's, /usr/bin/python3) on {@code input}; skips the test when there is none. */
    static String python(String program, String input) throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 is not installed (package python3)");
        Process p = new ProcessBuilder(python.toString(), "-c", program).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), () -> "python3's json refused it: " + out + "\ninput: " + input);
        return out;
    }

    private static String withoutHandles(String json) {
        return json.replaceAll("\"handle\":[0-9]+,", "");
    }

    private static String withoutComments(String save) {
        StringBuilder b = new StringBuilder();
        for (String line : save.lines().toList()) {
            if (!line.startsWith("#")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    private static String resource(String path) {
        try (InputStream in = RulesetJsonTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
