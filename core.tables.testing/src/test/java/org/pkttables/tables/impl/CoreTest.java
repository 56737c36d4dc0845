package org.pkttables.tables.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetListener;
import org.pkttables.api.Verdict;
import org.pkttables.tables.testing.Harness;

class CoreTest {
    private Harness h;
    private final TestFamily.Dport udp = new TestFamily.Dport();

    @BeforeEach
    void setUp() {
        h = new Harness().with(new TestFamily.Ipv4(), udp, new TestFamily.Comment(), new TestFamily.Mark());
    }

    private String ok(String line) {
        Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
        return r.out();
    }

    private int send(Hook hook, int dport) {
        return h.injectL3(Family.IPV4, hook, TestFamily.udp(dport), "eth0", null);
    }

    @Test
    void rulesAreListedInCanonicalFormInOrder() {
        ok("iptables -N web");
        ok("iptables -A INPUT -p udp --dport 53 -j ACCEPT");
        ok("iptables -I INPUT 1 ! -i lo -p udp -m udp ! --dport 1024: -m comment --comment \"a b\" -j web");
        ok("iptables -A web -j DROP");
        ok("iptables -R INPUT 2 -p udp --dport 54 -j ACCEPT");
        ok("iptables -P FORWARD DROP");
        ok("iptables -E web www");
        assertEquals("-P INPUT ACCEPT\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n-N www\n"
                + "-A INPUT ! -i lo -p udp -m udp ! --dport 1024:65535 -m comment --comment \"a b\" -j www\n"
                + "-A INPUT -p udp -m udp --dport 54 -j ACCEPT\n"
                + "-A www -j DROP\n", ok("iptables -S"));
        ok("iptables -D INPUT -p udp --dport 54 -j ACCEPT");
        ok("iptables -D www 1");
        assertEquals("-N www\n", ok("iptables -S www"));
    }

    @Test
    void badRulesAreRejectedNamingTheProblemAndChangeNothing() {
        ok("iptables -A INPUT -p udp --dport 53 -j ACCEPT");
        String before = ok("iptables -S");
        Result r = h.sh("iptables -A INPUT -p udp --dport 99999 -j ACCEPT");
        assertEquals(2, r.exit(), r.err()); // a parameter problem, as in iptables 1.8.9
        assertTrue(r.err().contains("99999"), r.err());
        r = h.sh("iptables -A INPUT -m nosuch --x 1 -j ACCEPT");
        assertTrue(r.err().contains("nosuch"), r.err());
        r = h.sh("iptables -A INPUT -p udp --bogus 1 -j ACCEPT");
        assertTrue(r.err().contains("--bogus"), r.err());
        r = h.sh("iptables -A INPUT -m udp --dport 1 -j ACCEPT");
        assertTrue(r.err().contains("-p udp"), r.err());
        r = h.sh("iptables -A NOPE -j ACCEPT");
        assertEquals(1, r.exit());
        assertEquals("iptables: No chain/target/match by that name.\n", r.err()); // iptables 1.8.9's words
        assertEquals(before, ok("iptables -S"));
    }

    /** A command line's refusals of rules in iptables 1.8.9's words (cli.xtables' NftRefusalTest: the others). */
    @Test
    void ruleRefusalsAreInIptablesWords() {
        ok("iptables -N mine");
        String badRule = "iptables: Bad rule (does a matching rule exist in that chain?).\n";
        String[][] cases = {
            { "iptables -A NOPE -j ACCEPT", "1", "iptables: No chain/target/match by that name.\n" },
            { "iptables -I INPUT 5 -j ACCEPT", "1", "iptables: Index of insertion too big.\n" },
            { "iptables -R INPUT 5 -j ACCEPT", "1", "iptables: No chain/target/match by that name.\n" }, // empty
            { "iptables -A INPUT -j ACCEPT", "0", "" },
            { "iptables -R INPUT 5 -j ACCEPT", "1", "iptables: Index of replacement too big.\n" },
            { "iptables -D INPUT 9", "1", "iptables: Index of deletion too big.\n" },
            { "iptables -I INPUT 3 -j ACCEPT", "1", "iptables: Index of insertion too big.\n" },
            { "iptables -D mine -j ACCEPT", "1", badRule },
            { "iptables -D NOPE -j ACCEPT", "1", badRule },
            { "iptables -C mine -j ACCEPT", "1", badRule },
            { "iptables -A INPUT -j mine", "0", "" },
            { "iptables -X mine", "4", "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy):"
                    + " chain mine\n" }, // rules jump to it
            { "iptables -F INPUT", "0", "" },
            { "iptables -A mine -j ACCEPT", "0", "" },
            { "iptables -X mine", "4", "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy):"
                    + " chain mine\n" }, // it has rules
            { "iptables -X", "4", "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy):"
                    + " chain mine\n" },
            { "iptables -Z mine 2", "0", "" }, // past the last rule of a chain with rules: 1.8.9 zeroes nothing
            { "iptables -Z mine 1", "0", "" },
            { "iptables -F mine", "0", "" },
            { "iptables -X", "0", "" },
            { "iptables -A INPUT --bogus", "2", "iptables v1.8.9 (nf_tables): unknown option \"--bogus\"\n"
                    + "Try `iptables -h' or 'iptables --help' for more information.\n" },
            // fail2ban's actionstart checks its chain with -C before making it: no chain, no such rule
            { "iptables -C NOPE -j RETURN", "1", badRule },
            { "iptables -C NOPE -p udp --dport 1 -j ACCEPT", "1", badRule },
            // a jump is resolved as the line is parsed, before the rule's own chain is looked at
            { "iptables -A INPUT -j nope", "2", chainMissing("nope") },
            { "iptables -A INPUT -j NOPE", "2", chainMissing("NOPE") },
            { "iptables -C INPUT -j nope", "2", chainMissing("nope") },
            { "iptables -C NOPE -j nope", "2", chainMissing("nope") },
            { "iptables -D NOPE -j nope", "2", chainMissing("nope") },
            { "iptables -I INPUT -g nope", "2", chainMissing("nope") },
            { "iptables -N mine", "0", "" },
            { "iptables -A INPUT -j mine", "0", "" },
            { "iptables -C INPUT -j mine", "0", "" },
            // a chain that is jumped to or not empty: the kernel's EBUSY for the batch, exit 4
            { "iptables -X mine", "4", "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain mine\n" },
            { "iptables -D INPUT -j mine", "0", "" },
            { "iptables -A mine -j RETURN", "0", "" },
            { "iptables -X mine", "4", "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain mine\n" },
            { "iptables -X", "4", "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain mine\n" },
            { "iptables -F mine", "0", "" },
            { "iptables -X mine", "0", "" },
            // listing a chain that is not there: iptables-nft's words
            { "iptables -S NOPE", "1", "iptables v1.8.9 (nf_tables): chain `NOPE' in table `filter' is incompatible, use "
                    + "'nft' tool.\n" },
            { "iptables -L NOPE", "1", "iptables v1.8.9 (nf_tables): chain `NOPE' in table `filter' is incompatible, use "
                    + "'nft' tool.\n" },
        };
        for (String[] c : cases) {
            Result r = h.sh(c[0]);
            assertEquals(c[1] + " " + c[2], r.exit() + " " + r.err(), c[0]);
        }
    }

    private static String chainMissing(String chain) {
        return "iptables v1.8.9 (nf_tables): Chain '" + chain + "' does not exist\n"
                + "Try `iptables -h' or 'iptables --help' for more information.\n";
    }

    @Test
    void verdictsJumpsGotoAndCounters() {
        ok("iptables -N a");
        ok("iptables -N b");
        ok("iptables -A INPUT -p udp --dport 1 -j a");
        ok("iptables -A INPUT -p udp --dport 2 -g b");
        ok("iptables -A INPUT -j MARK --set-mark 7");
        ok("iptables -A INPUT -p udp --dport 3 -j DROP");
        ok("iptables -A a -p udp --dport 1 -j RETURN");
        ok("iptables -A b -j ACCEPT");
        ok("iptables -P INPUT DROP");
        assertEquals(Verdict.DROP, send(Hook.INPUT, 1)); // returns from a, falls to policy
        assertEquals(7, h.last().mark());
        assertEquals(Verdict.ACCEPT, send(Hook.INPUT, 2)); // goto b accepts
        assertEquals(Verdict.DROP, send(Hook.INPUT, 3));
        assertEquals(Verdict.ACCEPT, send(Hook.FORWARD, 3)); // other hook, ACCEPT policy
        List<RuleInfo> rules = rulesOf("INPUT");
        assertEquals(1, rules.get(0).packets());
        assertEquals(28, rules.get(0).bytes());
        assertEquals(1, rules.get(1).packets());
        assertEquals(2, rules.get(2).packets());
        assertEquals(1, rules.get(3).packets());
        String verbose = ok("iptables -S INPUT -v");
        assertTrue(verbose.contains("-P INPUT DROP -c 1 28"), verbose);
        ok("iptables -Z INPUT");
        assertEquals(0, rulesOf("INPUT").get(2).packets());
    }

    @Test
    void aHotdropDropsAtOnceUncountedWhateverFollows() {
        h = new Harness().with(new TestFamily.Ipv4(), udp, new TestFamily.Tiny());
        ok("iptables -N sub");
        ok("iptables -A FORWARD -j sub");
        ok("iptables -A sub -p udp -m tiny -j ACCEPT");
        ok("iptables -A sub -p udp --dport 0 -j ACCEPT");
        ok("iptables -A FORWARD -j ACCEPT");
        assertEquals(Verdict.DROP, send(Hook.FORWARD, 0), "dropped though the next rule and the caller accept");
        assertEquals(Verdict.ACCEPT, send(Hook.FORWARD, 53));
        assertEquals(2, rulesOf("FORWARD").get(0).packets());
        assertEquals(0, rulesOf("sub").get(0).packets(), "the hotdropping rule is not counted");
        assertEquals(0, rulesOf("sub").get(1).packets(), "nothing after it runs");
        assertEquals(1, rulesOf("FORWARD").get(1).packets());
        assertEquals(Verdict.ACCEPT, send(Hook.FORWARD, 53), "the next packet starts afresh");
    }

    @Test
    void loopsAndBusyChainsAreRefused() {
        ok("iptables -N a");
        ok("iptables -N b");
        ok("iptables -A a -j b");
        Result r = h.sh("iptables -A b -j a");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("loop"), r.err());
        r = h.sh("iptables -X b"); // a rule jumps to it: the kernel's EBUSY, in iptables 1.8.9's words
        assertEquals("4 iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain b\n",
                r.exit() + " " + r.err());
        assertTrue(h.withInput("*filter\n-X b\nCOMMIT\n", "iptables-restore", "--noflush").err().contains("jump"),
                "a restore keeps the engine's words");
        ok("iptables -F a");
        ok("iptables -X b");
        ok("iptables -X");
        assertEquals("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n", ok("iptables -S"));
    }

    @Test
    void failedRestoreNamesTheLineAndKeepsTheRuleset() {
        ok("iptables -A INPUT -p udp --dport 53 -j ACCEPT");
        String before = ok("iptables-save").replaceAll("(?m)^#.*\n", "");
        String file = "*filter\n:INPUT DROP [0:0]\n-A INPUT -p udp --dport 1 -j ACCEPT\n-A INPUT -p udp --dport x -j ACCEPT\nCOMMIT\n";
        Result r = h.withInput(file, "iptables-restore");
        assertEquals(2, r.exit(), r.err()); // a parameter problem, as iptables-restore 1.8.9 says it
        assertTrue(r.err().startsWith("iptables-restore v1.8.9 (nf_tables): ") && r.err().contains("Error occurred at line: 4\n"),
                r.err());
        assertEquals(before, ok("iptables-save").replaceAll("(?m)^#.*\n", ""));
        Result good = h.withInput("*filter\n:INPUT DROP [3:4]\n:x - [0:0]\n-A INPUT -j x\n[5:6] -A x -m comment --comment hi\nCOMMIT\n",
                "iptables-restore", "-c");
        assertEquals(0, good.exit(), good.err());
        assertEquals("*filter\n:INPUT DROP [3:4]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:x - [0:0]\n"
                + "[0:0] -A INPUT -j x\n[5:6] -A x -m comment --comment hi\nCOMMIT\n",
                ok("iptables-save -c").replaceAll("(?m)^#.*\n", ""));
    }

    @Test
    void missingExtensionFailsClosedAndRebindsWithCounters() {
        ok("iptables -A INPUT -p udp --dport 9 -j ACCEPT");
        ok("iptables -P INPUT ACCEPT");
        assertEquals(Verdict.ACCEPT, send(Hook.INPUT, 9));
        h.without(udp);
        String listed = ok("iptables -S INPUT");
        assertTrue(listed.contains("-A INPUT -p udp -m udp --dport 9 -j ACCEPT"), listed);
        long before = h.ruleset().failClosedDrops();
        assertEquals(Verdict.DROP, send(Hook.INPUT, 10)); // reaches the rule: dropped, not accepted
        assertEquals(before + 1, h.ruleset().failClosedDrops());
        assertFalse(rulesOf("INPUT").get(0).bound());
        h.with(udp);
        assertTrue(rulesOf("INPUT").get(0).bound());
        assertEquals(Verdict.ACCEPT, send(Hook.INPUT, 9));
        assertEquals(Verdict.ACCEPT, send(Hook.INPUT, 10)); // no match: policy ACCEPT
        assertEquals(3, rulesOf("INPUT").get(0).packets()); // 1 before, 1 while closed, 1 after
    }

    @Test
    void everyCommitIsAnnouncedWithItsGeneration() {
        List<RulesetEvent> seen = new ArrayList<>();
        RulesetListener l = seen::add;
        h.with(l);
        ok("iptables -N x");
        ok("iptables -A x -j ACCEPT");
        h.withInput("*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j DROP\nCOMMIT\n", "iptables-restore", "--noflush");
        assertEquals(RulesetEvent.Type.CHAIN_ADDED, seen.get(0).type());
        assertEquals(RulesetEvent.Type.RULE_ADDED, seen.get(1).type());
        assertEquals("-j ACCEPT", seen.get(1).detail());
        assertTrue(seen.get(1).generation() > seen.get(0).generation());
        RulesetEvent last = seen.get(seen.size() - 1);
        assertEquals(RulesetEvent.Type.RULE_ADDED, last.type());
        assertEquals(h.ruleset().generation(), last.generation());
    }

    @Test
    void extListAndHelpComeFromDescriptors() {
        String list = ok("ext list");
        assertTrue(list.contains("udp") && list.contains("MARK") && list.contains("comment"), list);
        String help = ok("ext help udp");
        assertTrue(help.contains("--dport, --destination-port") && help.contains("destination port(s)"), help);
        assertTrue(ok("ext help udp --json").contains("\"option\":\"--dport\""));
        assertEquals(1, h.sh("ext help nosuch").exit());
    }

    private List<RuleInfo> rulesOf(String chain) {
        try {
            return h.ruleset().table(Family.IPV4, "filter").chain(chain).rules();
        } catch (org.pkttables.api.RulesetException e) {
            throw new AssertionError(e);
        }
    }
}
