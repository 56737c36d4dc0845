package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetEvent.Type;

class JournalRedoTest {
    private static RulesetEvent ev(Type t, Family f, String table, String chain, int pos, String detail) {
        return new RulesetEvent(9, t, f, table, chain, pos, 1, detail);
    }

    @Test
    void eachChangeBecomesTheRestoreLineThatRedoesIt() {
        List<RulesetEvent> commit = List.of(
                ev(Type.CHAIN_ADDED, Family.IPV4, "filter", "FOO", 0, null),
                ev(Type.RULE_ADDED, Family.IPV4, "filter", "FOO", 1, "-m comment --comment \"a b\" -j DROP"),
                ev(Type.RULE_ADDED, Family.IPV4, "filter", "INPUT", 4, "-j FOO"),
                ev(Type.RULE_REPLACED, Family.IPV4, "filter", "INPUT", 2, "-p udp -j ACCEPT"),
                ev(Type.RULE_DELETED, Family.IPV4, "filter", "INPUT", 3, "-j X"),
                ev(Type.POLICY, Family.IPV4, "filter", "FORWARD", 0, "DROP"),
                ev(Type.CHAIN_RENAMED, Family.IPV4, "filter", "FOO", 0, "BAR"),
                ev(Type.FLUSH, Family.IPV4, "mangle", "PREROUTING", 0, null),
                ev(Type.FLUSH, Family.IPV4, "raw", null, 0, null),
                ev(Type.CHAIN_DELETED, Family.IPV4, "filter", "OLD", 0, null),
                ev(Type.RULE_ADDED, Family.IPV6, "filter", "INPUT", 1, "-s ::1/128 -j ACCEPT"));
        assertEquals(List.of(
                new JournalRedo.Step(Family.IPV4, false, "*filter\n-N FOO\n-I FOO 1 -m comment --comment \"a b\" -j DROP\n"
                        + "-I INPUT 4 -j FOO\n-R INPUT 2 -p udp -j ACCEPT\n-D INPUT 3\n-P FORWARD DROP\n-E FOO BAR\n"
                        + "-X OLD\nCOMMIT\n"),
                new JournalRedo.Step(Family.IPV4, false, "*mangle\n-F PREROUTING\nCOMMIT\n"),
                new JournalRedo.Step(Family.IPV4, false, "*raw\n-F\nCOMMIT\n"),
                new JournalRedo.Step(Family.IPV6, false, "*filter\n-I INPUT 1 -s ::1/128 -j ACCEPT\nCOMMIT\n")),
                JournalRedo.steps(commit));
    }

    @Test
    void aTableResetIsARestoreWithoutNoflushHoldingWhatFollowsIt() {
        List<RulesetEvent> commit = List.of(
                ev(Type.RULE_ADDED, Family.IPV4, "nat", "OUTPUT", 1, "-j ACCEPT"),
                ev(Type.FLUSH, Family.IPV4, "filter", null, 0, "table reset"),
                ev(Type.POLICY, Family.IPV4, "filter", "INPUT", 0, "DROP"),
                ev(Type.RULE_ADDED, Family.IPV4, "filter", "INPUT", 1, "-j ACCEPT"));
        assertEquals(List.of(
                new JournalRedo.Step(Family.IPV4, false, "*nat\n-I OUTPUT 1 -j ACCEPT\nCOMMIT\n"),
                new JournalRedo.Step(Family.IPV4, true, "*filter\n-P INPUT DROP\n-I INPUT 1 -j ACCEPT\nCOMMIT\n")),
                JournalRedo.steps(commit));
    }

    @Test
    void whatIsNotSavedIsSkippedAndOtherFamiliesAreNotJournaled() {
        assertTrue(JournalRedo.unsaved(ev(Type.ZERO, Family.IPV4, "filter", null, 0, null)));
        assertTrue(JournalRedo.unsaved(ev(Type.RULE_UNBOUND, Family.IPV4, "filter", "INPUT", 1, "-m x")));
        assertFalse(JournalRedo.unsaved(ev(Type.FLUSH, Family.IPV4, "filter", null, 0, null)));
        assertTrue(JournalRedo.journalable(ev(Type.RULE_ADDED, Family.IPV6, "filter", "INPUT", 1, "-j DROP")));
        assertFalse(JournalRedo.journalable(ev(Type.RULE_ADDED, Family.BRIDGE, "filter", "INPUT", 1, "-j DROP")));
        assertFalse(JournalRedo.journalable(ev(Type.RULE_ADDED, Family.ARP, "filter", "INPUT", 1, "-j DROP")));
        assertFalse(JournalRedo.journalable(ev(Type.FLUSH, Family.IPV4, "filter", null, 0, "something else")));
    }
}
