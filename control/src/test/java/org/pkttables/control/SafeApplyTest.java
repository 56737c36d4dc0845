package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.ext.matches.impl.CommentMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/**
 * {@link SafeApply} against a real engine and the iptables tools: an apply not confirmed is rolled back
 * (the save text of before, an entry saying so, a late {@code confirm} told why), a confirmed one stays, a
 * second apply while one waits is refused, a bad line is named and changes nothing, a table the apply
 * brought into use is emptied by the rollback, and {@code rollback GEN} gives that generation's save text.
 */
class SafeApplyTest {
    private final Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(),
            new CommentMatchType());
    private final CommandFrontend tools = h.frontend();
    private final GenerationHistory history = GenerationHistory.inMemory(20, Clock.systemUTC());
    private final HistoryRecorder recorder = new HistoryRecorder(history, tools, () -> h.ruleset().generation(),
            new HistoryRecorder.Quiesce() {
                @Override
                public <T> T run(Callable<T> task) throws Exception {
                    return task.call();
                }
            });
    private final SafeApply apply = new SafeApply(recorder, Clock.systemUTC());
    private static final Caller ALICE = new Caller(1000, "alice", "apply --timeout 1 new.v4");

    @AfterEach
    void close() {
        apply.close();
        recorder.close();
    }

    private String save() {
        CommandFrontend.Result r = tools.run("iptables-save", List.of(), null);
        assertEquals(0, r.exit(), r.err());
        return RulesetSnapshot.withoutComments(r.out());
    }

    private void start(String rules) throws Exception {
        assertEquals(0, tools.run("iptables-restore", List.of(), rules).exit());
        recorder.record(Caller.self("boot"), false);
        recorder.enable();
    }

    private static final String BEFORE = "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            + "-A INPUT -p tcp -m tcp --dport 22 -m comment --comment ssh -j ACCEPT\nCOMMIT\n";
    private static final String NEW = "*filter\n:INPUT DROP [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
            + "-A INPUT -p tcp -m tcp --dport 2222 -m comment --comment \"ssh moved\" -j ACCEPT\nCOMMIT\n";

    private static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void notConfirmedIsRolledBack() throws Exception {
        start(BEFORE);
        String before = save();
        CommandFrontend.Result r = apply.apply(ALICE, "iptables", "new.v4", NEW, 1);
        assertEquals(0, r.exit(), r.err());
        assertEquals("applied new.v4 as generation 2; confirm within 1 s (`confirm'), or it is rolled back to generation 1\n",
                r.out());
        assertTrue(save().contains("--dport 2222"));
        long t0 = System.nanoTime();
        waitFor(() -> history.list().size() == 3, "the rollback");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "rolled back after about a second: " + ms + " ms");
        assertEquals(before, save(), "the ruleset of before");
        GenerationHistory.Entry rb = history.last();
        assertEquals("rollback 1 (apply of generation 2 not confirmed within 1 s)", rb.caller().command());
        assertEquals(history.get(1).rules(), rb.rules());
        CommandFrontend.Result late = apply.confirm(ALICE);
        assertEquals(1, late.exit());
        assertTrue(late.err().startsWith("confirm: nothing waits for confirmation: generation 2 (uid 1000 (alice): "
                + "apply --timeout 1 new.v4) was not confirmed within 1 s: rolled back to generation 1 at "), late.err());
        assertTrue(late.err().contains("(now generation 3)"), late.err());
    }

    @Test
    void confirmedStays() throws Exception {
        start(BEFORE);
        assertEquals(0, apply.apply(ALICE, "iptables", "new.v4", NEW, 1).exit());
        CommandFrontend.Result c = apply.confirm(new Caller(0, "root", "confirm"));
        assertEquals("confirmed: generation 2 stays\n", c.out());
        Thread.sleep(1500);
        assertTrue(save().contains("--dport 2222"), "kept after the timeout");
        assertEquals(2, history.list().size());
        assertEquals(1, apply.confirm(ALICE).exit(), "nothing to confirm twice");
    }

    @Test
    void aSecondApplyWhileOneWaitsIsRefused() throws Exception {
        start(BEFORE);
        assertEquals(0, apply.apply(ALICE, "iptables", "new.v4", NEW, 30).exit());
        String applied = save();
        CommandFrontend.Result second = apply.apply(ALICE, "iptables", "other.v4", BEFORE, 30);
        assertEquals(1, second.exit());
        assertTrue(second.err().startsWith("apply: refused, nothing changed: generation 2 (uid 1000 (alice): apply "
                + "--timeout 1 new.v4) waits for `confirm' (rollback to generation 1 in "), second.err());
        assertEquals(applied, save());
        assertEquals(1, apply.rollback(ALICE, 1).exit(), "no rollback while an apply waits either");
        assertTrue(apply.pendingLine().startsWith("generation 2 waits for `confirm'"), apply.pendingLine());
    }

    @Test
    void aBadLineIsNamedAndChangesNothing() throws Exception {
        start(BEFORE);
        String before = save();
        CommandFrontend.Result r = apply.apply(ALICE, "iptables", "bad.v4",
                NEW.replace("COMMIT", "-A INPUT -m nosuchmatch --x 1 -j ACCEPT\nCOMMIT"), 1);
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("apply: bad.v4: ") && r.err().contains("Error occurred at line: 6")
                && r.err().contains("nosuchmatch")
                && r.err().endsWith("; nothing changed\n"), r.err());
        assertEquals(before, save());
        assertEquals(null, apply.pendingLine(), "nothing waits");
        assertEquals(1, history.list().size());
    }

    @Test
    void aTableTheApplyBroughtIsEmptiedByTheRollback() throws Exception {
        start(BEFORE);
        String before = save();
        assertEquals(0, apply.apply(ALICE, "iptables", "nat.v4", "*nat\n:POSTROUTING ACCEPT [0:0]\n"
                + "-A POSTROUTING -j ACCEPT\nCOMMIT\n", 1).exit());
        waitFor(() -> history.list().size() == 3, "the rollback");
        String after = save();
        assertFalse(after.contains("-A POSTROUTING"), after);
        assertEquals(before, after.replaceAll("\\*nat\n(:[A-Z]+ ACCEPT \\[0:0\\]\n)+COMMIT\n", ""),
                "filter as before; nat stays listed, empty");
    }

    @Test
    void commitsRecordedTogetherShareOneEntry() {
        Caller one = HistoryRecorder.merged(List.of(new HistoryRecorder.Queued(new Caller(1001, "bob", "iptables -A X"), 5),
                new HistoryRecorder.Queued(new Caller(1001, "bob", "iptables -D Y"), 6)));
        assertEquals(new Caller(1001, "bob", "iptables -A X; iptables -D Y"), one);
        Caller two = HistoryRecorder.merged(List.of(new HistoryRecorder.Queued(new Caller(1001, "bob", "a"), 5),
                new HistoryRecorder.Queued(new Caller(0, "root", "b"), 6)));
        assertEquals(new Caller(-1, "bob, root", "a; b"), two);
    }

    @Test
    void rollbackToAGeneration() throws Exception {
        start(BEFORE);
        String first = save();
        assertEquals(0, tools.run("iptables", List.of("-A", "INPUT", "-j", "ACCEPT"), null).exit());
        recorder.committed(new Caller(1001, "bob", "iptables -A INPUT -j ACCEPT"), h.ruleset().generation());
        recorder.drain();
        assertEquals(0, tools.run("iptables", List.of("-P", "FORWARD", "DROP"), null).exit());
        recorder.committed(new Caller(1001, "bob", "iptables -P FORWARD DROP"), h.ruleset().generation());
        recorder.drain();
        assertEquals(3, history.list().size());
        CommandFrontend.Result r = apply.rollback(new Caller(0, "root", "rollback 1"), 1);
        assertEquals("rolled back to generation 1: now generation 4\n", r.out());
        assertEquals(first, save());
        assertEquals("# iptables-save\n" + first, history.get(1).rules().text());
        assertEquals(history.get(1).rules(), history.get(4).rules());
        assertEquals(0, apply.rollback(new Caller(0, "root", "rollback 3"), 3).exit());
        assertTrue(save().contains(":FORWARD DROP") && save().contains("-A INPUT -j ACCEPT"));
        CommandFrontend.Result unknown = apply.rollback(ALICE, 99);
        assertEquals("rollback: no generation 99 in the history (kept: 1 to 5); nothing changed\n", unknown.err());
    }
}
