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
        assertTrue(bad.err().contains("bad policy name `BOGUS'"), bad.err());
        Result ret = sh("ebtables -P FORWARD RETURN");
        assertEquals(1, ret.exit());
        assertTrue(ret.err().contains("Policy RETURN only allowed for user defined chains"), ret.err());
        Result userPolicy = sh("ebtables -N guard -P DROP");
        assertEquals(1, userPolicy.exit());
        assertTrue(userPolicy.err().contains("policy DROP of a user-defined chain is not supported"), userPolicy.err());
        Result stray = sh("iptables -F INPUT extra");
        assertEquals(2, stray.exit());
        assertTrue(stray.err().contains("unexpected argument `extra' for -F"), stray.err());
        Result ebStray = sh("ebtables -F INPUT extra");
        assertEquals(2, ebStray.exit());
        assertTrue(ebStray.err().contains("Unknown argument: 'extra'"), ebStray.err());
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
