package org.pkttables.cli.xtables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.ShellWords;
import org.pkttables.tables.engine.Engine;

/**
 * The change commands iptables and ebtables share go through one routine ({@link ChangeCommand#apply})
 * with each tool's own words: chains, policies, renames, flushes and stray words, on an engine without
 * any extension (none of these commands parses a rule): only two handlers that contribute the filter
 * tables of ipv4 and bridge (the families own their tables), as l3.ipv4 and l2.bridge have them.
 */
class ChangeCommandTest {
    private final Engine engine = Engine.create();

    {
        engine.register(new TablesOnly(Family.IPV4));
        engine.register(new TablesOnly(Family.BRIDGE));
    }

    private final IptablesFrontend cli = new IptablesFrontend(engine.ruleset(), engine.registry(), engine.tools());

    private Result sh(String line) {
        List<String> w = ShellWords.split(line);
        return cli.run(w.get(0), w.subList(1, w.size()), null);
    }

    private void ok(String line) {
        Result r = sh(line);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
    }

    @Test
    void bothToolsChangeChainsThroughTheSameRoutine() throws Exception {
        ok("iptables -N web");
        ok("iptables -E web www");
        ok("iptables -P FORWARD DROP");
        ok("ebtables -N guard");
        ok("ebtables -P FORWARD DROP");
        ok("ebtables -E guard keeper");
        assertEquals(List.of("INPUT", "FORWARD", "OUTPUT", "www"),
                engine.ruleset().table(Family.IPV4, "filter").chains().stream().map(c -> c.name()).toList());
        assertEquals("DROP", org.pkttables.api.Verdict.name(
                engine.ruleset().table(Family.IPV4, "filter").chain("FORWARD").policy()));
        assertEquals(List.of("INPUT", "FORWARD", "OUTPUT", "keeper"),
                engine.ruleset().table(Family.BRIDGE, "filter").chains().stream().map(c -> c.name()).toList());
        ok("ebtables -X keeper");
        ok("iptables -X www");
        assertEquals(3, engine.ruleset().table(Family.BRIDGE, "filter").chains().size());
        assertEquals(3, engine.ruleset().table(Family.IPV4, "filter").chains().size());
    }

    @Test
    void eachToolKeepsItsOwnWordsForPoliciesAndStrayWords() {
        Result bad = sh("iptables -P FORWARD BOGUS");
        assertEquals(1, bad.exit());
        assertEquals("iptables: Bad policy name. Run `dmesg' for more information.\n", bad.err()); // 1.8.9's words
        Result ret = sh("ebtables -P FORWARD RETURN");
        assertEquals(1, ret.exit());
        assertTrue(ret.err().contains("Policy RETURN only allowed for user defined chains"), ret.err());
        Result userPolicy = sh("ebtables -N guard -P DROP");
        assertEquals(1, userPolicy.exit());
        assertTrue(userPolicy.err().contains("policy DROP of a user-defined chain is not supported"), userPolicy.err());
        Result stray = sh("iptables -F INPUT extra");
        assertEquals(2, stray.exit());
        assertEquals("Bad argument `extra'\nTry `iptables -h' or 'iptables --help' for more information.\n", stray.err());
        Result option = sh("iptables -Z INPUT -p tcp");
        assertEquals(2, option.exit());
        assertEquals("iptables v1.8.9 (nf_tables): Illegal option `-p' with this command\nTry `iptables -h' or "
                + "'iptables --help' for more information.\n", option.err());
        Result number = sh("iptables -S INPUT extra");
        assertEquals(2, number.exit());
        assertTrue(number.err().startsWith("iptables v1.8.9 (nf_tables): Invalid rule number `extra'\n"), number.err());
        Result ebStray = sh("ebtables -F INPUT extra");
        assertEquals(2, ebStray.exit());
        assertTrue(ebStray.err().contains("Unknown argument: 'extra'"), ebStray.err());
    }

    /** -L/-S with -Z (either order): lists, then zeroes what it listed; -v says so per chain (as 1.8.9). */
    @Test
    void listingWithZeroListsThenZeroes() {
        ok("iptables -A INPUT -c 5 300 -j ACCEPT");
        ok("iptables -A FORWARD -c 7 700 -j DROP");
        Result listed = sh("iptables -L INPUT -v -x -n -Z");
        assertEquals(0, listed.exit(), listed.err());
        assertTrue(listed.out().contains("       5      300 ACCEPT"), listed.out());
        assertTrue(listed.out().endsWith("Zeroing chain `INPUT'\n"), listed.out());
        Result after = sh("iptables -S -v");
        assertTrue(after.out().contains("-A INPUT -c 0 0 -j ACCEPT\n"), after.out());
        assertTrue(after.out().contains("-A FORWARD -c 7 700 -j DROP\n"), after.out()); // only the chain listed
        Result rules = sh("iptables -Z FORWARD -S");
        assertEquals(0, rules.exit(), rules.err());
        assertEquals("-P FORWARD ACCEPT\n-A FORWARD -j DROP\n", rules.out());
        assertTrue(sh("iptables -S -v").out().contains("-A FORWARD -c 0 0 -j DROP\n"));
        Result twice = sh("iptables -L -Z -L");
        assertEquals(2, twice.exit());
        assertTrue(twice.err().startsWith("iptables v1.8.9 (nf_tables): Cannot use -L with -L\n"), twice.err());
        Result zero = sh("iptables -Z -v");
        assertEquals("Zeroing chain `INPUT'\nZeroing chain `FORWARD'\nZeroing chain `OUTPUT'\n", zero.out());
    }

    @Test
    void saveOptionsAreReadAlikeByEveryTool() {
        for (String tool : List.of("iptables", "ip6tables", "arptables", "ebtables")) {
            Result r = sh(tool + "-save --bogus");
            assertEquals(2, r.exit(), tool);
            assertTrue(r.err().contains("unknown argument `--bogus' (usage: " + tool + "-save [-c] [-t table])"),
                    r.err());
        }
        ok("ebtables -P INPUT DROP");
        Result save = sh("ebtables-save -t filter");
        assertEquals(0, save.exit(), save.err());
        assertTrue(save.out().contains("*filter\n:INPUT DROP\n:FORWARD ACCEPT\n:OUTPUT ACCEPT\n"), save.out());
    }
}
