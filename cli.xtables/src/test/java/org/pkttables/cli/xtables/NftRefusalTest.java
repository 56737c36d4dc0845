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
 * A command line's refusals in iptables 1.8.9's own words and exit codes (recorded from iptables-nft
 * 1.8.9; e2e's ShimsIT checks them against the real tool), while a restore keeps naming the chain and
 * the line. Those of commands with a rule need an L3 family: core.tables.testing's CoreTest.
 */
class NftRefusalTest {
    private static final String TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

    private final Engine engine = Engine.create();

    {
        engine.register(new TablesOnly(Family.IPV4));
        engine.register(new TablesOnly(Family.IPV6));
    }
    private final IptablesFrontend cli = new IptablesFrontend(engine.ruleset(), engine.registry(), engine.tools());

    private Result sh(String line) {
        List<String> w = ShellWords.split(line);
        return cli.run(w.get(0), w.subList(1, w.size()), null);
    }

    private void says(String line, int exit, String err) {
        Result r = sh(line);
        assertEquals(exit + " " + err, r.exit() + " " + r.err(), line);
    }

    @Test
    void changeCommandsAreRefusedInIptablesWords() {
        assertEquals(0, sh("iptables -N mine").exit());
        says("iptables -N mine", 1, "iptables: Chain already exists.\n");
        says("iptables -E NOPE other", 1, "iptables: No chain/target/match by that name.\n");
        says("iptables -E mine INPUT", 1, "iptables: File exists.\n");
        says("iptables -F NOPE", 1, "iptables: No chain/target/match by that name.\n");
        says("iptables -Z NOPE", 1, "iptables: No chain/target/match by that name.\n");
        says("iptables -X NOPE", 1, "iptables: No chain/target/match by that name.\n");
        says("iptables -P NOPE DROP", 1, "iptables: Bad built-in chain name.\n");
        says("iptables -D INPUT 9", 1, "iptables: No chain/target/match by that name.\n"); // empty: as 1.8.9
        says("iptables -D NOPE 1", 1, "iptables: No chain/target/match by that name.\n");
        // -Z of rule N: of an empty or missing chain a bad rule; (past the end of a chain with rules: CoreTest)
        says("iptables -Z INPUT 3", 1, "iptables: Bad rule (does a matching rule exist in that chain?).\n");
        says("iptables -Z NOPE 1", 1, "iptables: Bad rule (does a matching rule exist in that chain?).\n");
        says("iptables -Z NOPE", 1, "iptables: No chain/target/match by that name.\n");
        says("iptables -Z INPUT 0", 2, "iptables v1.8.9 (nf_tables): Invalid rule number `0'\n" + TRY);
        says("iptables -D INPUT 0", 2, "iptables v1.8.9 (nf_tables): Invalid rule number `0'\n" + TRY);
    }

    /** What ufw runs all the time ({@code iptables -L ufw-user-input -n}, {@code -X} of its chains ...). */
    @Test
    void listingsDeletionsAndTablesAreRefusedInIptablesWords() {
        String v = "iptables v1.8.9 (nf_tables): ";
        says("iptables -L NOPE -n", 1, v + "chain `NOPE' in table `filter' is incompatible, use 'nft' tool.\n");
        says("iptables -S NOPE", 1, v + "chain `NOPE' in table `filter' is incompatible, use 'nft' tool.\n");
        says("iptables -v -L NOPE", 1, v + "chain `NOPE' in table `filter' is incompatible, use 'nft' tool.\n");
        says("ip6tables -L NOPE", 1, "ip6tables v1.8.9 (nf_tables): chain `NOPE' in table `filter' is incompatible,"
                + " use 'nft' tool.\n");
        // A rule number past the end lists nothing, and succeeds.
        assertEquals("0 ", sh("iptables -L INPUT 3").exit() + " " + sh("iptables -L INPUT 3").out());
        assertEquals("0 ", sh("iptables -S INPUT 3").exit() + " " + sh("iptables -S INPUT 3").out());
        // A built-in chain: the kernel's CHAIN_DEL fails with EBUSY (the chains rules use: CoreTest).
        says("iptables -X INPUT", 4, v + " CHAIN_DEL failed (Device or resource busy): chain INPUT\n");
        says("ip6tables -X FORWARD", 4, "ip6tables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy):"
                + " chain FORWARD\n");
        String perhaps = "\nPerhaps iptables or your kernel needs to be upgraded.\n";
        says("iptables -t nope -S", 3, v + "table 'nope' does not exist" + perhaps);
        says("iptables -t nope -L INPUT", 3, v + "table 'nope' does not exist" + perhaps);
        says("iptables -t nope -F", 3, v + "table 'nope' does not exist" + perhaps);
        says("iptables -t nope -N x", 3, v + "table 'nope' does not exist" + perhaps);
        says("iptables -t nope -P INPUT DROP", 3, v + "table 'nope' does not exist" + perhaps);
        says("ip6tables -t nope -S", 3, "ip6tables v1.8.9 (nf_tables): table 'nope' does not exist\n"
                + "Perhaps ip6tables or your kernel needs to be upgraded.\n");
        // A restore keeps the engine's words, naming the line.
        Result r = cli.run("iptables-restore", List.of(), "*nope\nCOMMIT\n");
        assertEquals(1, r.exit(), r.err());
    }

    @Test
    void theSavesTimeIsCtimes() {
        java.time.ZoneId utc = java.time.ZoneOffset.UTC;
        assertEquals("Mon Dec  7 15:09:05 2026", IptablesFrontend.SaveOptions.now(
                java.time.ZonedDateTime.of(2026, 12, 7, 15, 9, 5, 0, utc)));
        assertEquals("Thu Dec 17 05:00:09 2026", IptablesFrontend.SaveOptions.now(
                java.time.ZonedDateTime.of(2026, 12, 17, 5, 0, 9, 0, utc)));
    }

    @Test
    void badUsageIsRefusedInIptablesWords() {
        says("iptables", 2, "iptables v1.8.9 (nf_tables): no command specified\n" + TRY);
        says("iptables -A", 2, "iptables v1.8.9 (nf_tables): option \"-A\" requires an argument\n" + TRY);
        says("ip6tables", 2, "ip6tables v1.8.9 (nf_tables): no command specified\n"
                + "Try `ip6tables -h' or 'ip6tables --help' for more information.\n");
    }

    @Test
    void aRestoreStillNamesTheChainAndTheLine() {
        Result r = cli.run("iptables-restore", List.of(), "*filter\n-N mine\n-N mine\nCOMMIT\n");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("line 3") && r.err().contains("`mine'"), r.err());
    }
}
