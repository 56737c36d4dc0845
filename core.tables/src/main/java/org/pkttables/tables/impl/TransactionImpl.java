package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.SaveQuoting;
import org.pkttables.api.Family;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetEvent.Type;
import org.pkttables.api.RulesetException;
import org.pkttables.api.Transaction;
import org.pkttables.api.Verdict;

/**
 * A batch of changes against private copies of the touched tables. Holds the core's writer lock from
 * its first operation until commit or close, so batches never interleave; the packet path never
 * waits for it.
 */
final class TransactionImpl implements Transaction {
    /** Chain names as iptables accepts them (XT_EXTENSION_MAXNAMELEN - 1). */
    private static final int MAX_CHAIN_NAME = 28;

    private final RulesetImpl core;
    private final boolean failClosedMissing;
    private final Map<String, WorkTable> tables = new HashMap<>();
    private final List<RulesetEvent> events = new ArrayList<>();
    private final List<Integer> allocated = new ArrayList<>();
    private final List<Integer> released = new ArrayList<>();
    /** Counter settings applied after publication: {id, packets, bytes}. */
    private final List<long[]> counterSets = new ArrayList<>();
    private RuleEntry lastAdded;
    private boolean locked;
    private boolean done;

    TransactionImpl(RulesetImpl core, boolean failClosedMissing) {
        this.core = core;
        this.failClosedMissing = failClosedMissing;
    }

    private WorkTable work(Family f, String table) throws RulesetException {
        if (done) {
            throw new IllegalStateException("transaction already committed or closed");
        }
        if (!locked) {
            core.writeLock.lock();
            locked = true;
        }
        String key = f.id() + "/" + table;
        WorkTable w = tables.get(key);
        if (w == null) {
            TableState t = core.live(f, table);
            if (t == null) {
                throw FamilyTables.noSuchTable(f, table, core.tables(f));
            }
            w = new WorkTable(t);
            tables.put(key, w);
        }
        return w;
    }

    private static int slotOf(WorkTable w, String chain) throws RulesetException {
        int s = w.slot(chain);
        if (s < 0) {
            throw new RulesetException("chain `" + chain + "' in table `" + w.base.def.name() + "' does not exist");
        }
        return s;
    }

    private RuleEntry compile(Family f, WorkTable w, String chain, RuleSpec spec) throws RulesetException {
        int counter = core.counters.allocate();
        allocated.add(counter);
        long handle = w.nextHandle++;
        try {
            return core.compiler.compile(f, w.base.def.name(), chain, w, spec, handle, counter);
        } catch (RuleCompiler.Missing m) {
            if (failClosedMissing) {
                return core.compiler.failClosed(spec, handle, counter, m.extension, null, null, w);
            }
            throw new RulesetException("Couldn't load " + m.extension + ": no such extension is loaded"
                    + " (see `ext list`)");
        }
    }

    private void link(WorkTable w, int fromSlot, RuleEntry r) throws RulesetException {
        if (r.jumpSlot < 0) {
            return;
        }
        if ((r.kind == RuleEntry.JUMP || r.kind == RuleEntry.GOTO)
                && ChainLoopDetector.closesLoop(fromSlot, r.jumpSlot, w::view)) {
            throw new RulesetException("loop detected: chain `" + w.slots[r.jumpSlot].name + "' leads back to `"
                    + w.slots[fromSlot].name + "'");
        }
        w.refs[r.jumpSlot]++;
        if (!w.checkAllJumps) {
            if (w.addedJumps == null) {
                w.addedJumps = new HashMap<>();
            }
            if (w.addedJumps.size() < ChainDepth.MAX_TRACKED) {
                w.addedJumps.put(r, fromSlot);
            } else {
                w.checkAllJumps = true;
                w.addedJumps = null;
            }
        }
    }

    private void unlink(WorkTable w, RuleEntry r) {
        if (r.jumpSlot >= 0) {
            w.refs[r.jumpSlot]--;
            if (w.addedJumps != null) {
                w.addedJumps.remove(r);
            }
        }
        released.add(r.counterId);
    }

    private void event(Type type, Family f, WorkTable w, String chain, int pos, long handle, String detail) {
        events.add(new RulesetEvent(0, type, f, w.base.def.name(), chain, pos, handle, detail));
    }

    private String text(WorkTable w, RuleEntry r) {
        return RuleText.of(r, w::chainName, core.targetFirst(w.base.family));
    }

    @Override
    public Transaction append(Family f, String table, String chain, RuleSpec rule) throws RulesetException {
        WorkTable w = work(f, table);
        int s = slotOf(w, chain);
        RuleEntry r = compile(f, w, chain, rule);
        link(w, s, r);
        List<RuleEntry> rules = w.rules(s);
        rules.add(r);
        w.used = true;
        lastAdded = r;
        event(Type.RULE_ADDED, f, w, chain, rules.size(), r.handle, text(w, r));
        return this;
    }

    @Override
    public Transaction insert(Family f, String table, String chain, int position, RuleSpec rule)
            throws RulesetException {
        WorkTable w = work(f, table);
        int s = slotOf(w, chain);
        List<RuleEntry> rules = w.rules(s);
        if (position < 1 || position > rules.size() + 1) {
            throw new RulesetException("index of insertion too big: chain `" + chain + "' has " + rules.size()
                    + " rules, position " + position);
        }
        RuleEntry r = compile(f, w, chain, rule);
        link(w, s, r);
        rules.add(position - 1, r);
        w.used = true;
        lastAdded = r;
        event(Type.RULE_ADDED, f, w, chain, position, r.handle, text(w, r));
        return this;
    }

    @Override
    public Transaction replace(Family f, String table, String chain, int position, RuleSpec rule)
            throws RulesetException {
        WorkTable w = work(f, table);
        int s = slotOf(w, chain);
        List<RuleEntry> rules = w.rules(s);
        if (position < 1 || position > rules.size()) {
            throw new RulesetException("index of replacement too big: chain `" + chain + "' has " + rules.size()
                    + " rules, position " + position);
        }
        RuleEntry r = compile(f, w, chain, rule);
        RuleEntry old = rules.get(position - 1);
        unlink(w, old);
        link(w, s, r);
        rules.set(position - 1, r);
        w.used = true;
        lastAdded = r;
        event(Type.RULE_REPLACED, f, w, chain, position, r.handle, text(w, r));
        return this;
    }

    @Override
    public Transaction delete(Family f, String table, String chain, int position) throws RulesetException {
        WorkTable w = work(f, table);
        int s = slotOf(w, chain);
        List<RuleEntry> rules = w.rules(s);
        if (position < 1 || position > rules.size()) {
            throw new RulesetException("index of deletion too big: chain `" + chain + "' has " + rules.size()
                    + " rules, position " + position);
        }
        RuleEntry old = rules.remove(position - 1);
        unlink(w, old);
        w.used = true;
        event(Type.RULE_DELETED, f, w, chain, position, old.handle, text(w, old));
        return this;
    }

    @Override
    public Transaction delete(Family f, String table, String chain, RuleSpec rule) throws RulesetException {
        WorkTable w = work(f, table);
        int s = slotOf(w, chain);
        int pos = find(f, w, chain, s, rule);
        if (pos < 0) {
            throw new RulesetException("Bad rule (does a matching rule exist in that chain?)");
        }
        return delete(f, table, chain, pos + 1);
    }

    /** Index of the first rule of {@code slot} equal to {@code rule}, -1 if none. */
    int find(Family f, WorkTable w, String chain, int slot, RuleSpec rule) throws RulesetException {
        RuleEntry probe;
        try {
            probe = core.compiler.compile(f, w.base.def.name(), chain, w, rule, 0, -1);
        } catch (RuleCompiler.Missing m) {
            probe = core.compiler.failClosed(rule, 0, -1, m.extension, null, null, w);
        }
        List<RuleEntry> rules = w.view(slot);
        for (int i = 0; i < rules.size(); i++) {
            RuleEntry r = rules.get(i);
            if (r.spec.equals(probe.spec) && r.jumpSlot == probe.jumpSlot) {
                return i;
            }
        }
        return -1;
    }

    boolean contains(Family f, String table, String chain, RuleSpec rule) throws RulesetException {
        WorkTable w = work(f, table);
        return find(f, w, chain, slotOf(w, chain), rule) >= 0;
    }

    /** Whether the batch's view of the table has {@code chain}. */
    boolean exists(Family f, String table, String chain) throws RulesetException {
        return work(f, table).slot(chain) >= 0;
    }

    /** Whether {@code chain} is a built-in chain of the table. */
    boolean isBuiltin(Family f, String table, String chain) throws RulesetException {
        return work(f, table).builtin(chain);
    }

    @Override
    public Transaction newChain(Family f, String table, String chain) throws RulesetException {
        WorkTable w = work(f, table);
        checkChainName(chain);
        if (w.slot(chain) >= 0) {
            throw new RulesetException("Chain already exists: `" + chain + "'");
        }
        w.addChain(new ChainState(chain, false, -1, -1, ChainState.EMPTY));
        w.used = true;
        event(Type.CHAIN_ADDED, f, w, chain, 0, 0, null);
        return this;
    }

    private static void checkChainName(String chain) throws RulesetException {
        if (chain.isEmpty() || chain.length() > MAX_CHAIN_NAME) {
            throw new RulesetException("chain name `" + chain + "' must be 1 to " + MAX_CHAIN_NAME + " characters");
        }
        if (chain.startsWith("-") || chain.startsWith("!")) {
            throw new RulesetException("chain name `" + chain + "' may not start with `" + chain.charAt(0) + "'");
        }
        for (int i = 0; i < chain.length(); i++) {
            char c = chain.charAt(i);
            if (Character.isWhitespace(c)) {
                throw new RulesetException("chain name " + SaveQuoting.visible(chain) + " may not contain white space");
            }
            // Either would keep the chain from being restored from a save (iptables-restore 1.8.9 fails too).
            if (c == '"' || c == 0) {
                throw new RulesetException("chain name " + SaveQuoting.visible(chain) + " may not contain "
                        + (c == 0 ? "a NUL character" : "a double quote") + " (it could not be restored from a save)");
            }
        }
        switch (chain) {
            case "ACCEPT":
            case "DROP":
            case "RETURN":
            case "QUEUE":
                throw new RulesetException("chain name `" + chain + "' is a verdict name");
            default:
                break;
        }
    }

    @Override
    public Transaction deleteChain(Family f, String table, String chain) throws RulesetException {
        WorkTable w = work(f, table);
        if (chain == null) {
            List<String> user = new ArrayList<>();
            for (Map.Entry<String, Integer> e : w.byName.entrySet()) {
                if (!w.slots[e.getValue()].builtin) {
                    user.add(e.getKey());
                }
            }
            // Rules in the chains being deleted may jump to each other: flush them all first.
            for (String c : user) {
                if (!w.view(w.slot(c)).isEmpty()) {
                    throw new RulesetException("can't delete chain `" + c + "': it is not empty (flush it first)");
                }
            }
            for (String c : user) {
                deleteOne(f, w, c);
            }
            return this;
        }
        deleteOne(f, w, chain);
        return this;
    }

    private void deleteOne(Family f, WorkTable w, String chain) throws RulesetException {
        int s = slotOf(w, chain);
        if (w.slots[s].builtin) {
            throw new RulesetException("can't delete built-in chain `" + chain + "'");
        }
        if (w.refs[s] > 0) {
            throw new RulesetException("can't delete chain `" + chain + "': " + w.refs[s]
                    + (w.refs[s] == 1 ? " rule jumps" : " rules jump") + " to it");
        }
        if (!w.view(s).isEmpty()) {
            throw new RulesetException("can't delete chain `" + chain + "': it is not empty (flush it first)");
        }
        w.removeChain(s);
        w.used = true;
        event(Type.CHAIN_DELETED, f, w, chain, 0, 0, null);
    }

    @Override
    public Transaction renameChain(Family f, String table, String from, String to) throws RulesetException {
        WorkTable w = work(f, table);
        int s = slotOf(w, from);
        if (w.slots[s].builtin) {
            throw new RulesetException("can't rename built-in chain `" + from + "'");
        }
        checkChainName(to);
        if (w.slot(to) >= 0) {
            throw new RulesetException("Chain already exists: `" + to + "'");
        }
        w.renameChain(s, to);
        w.used = true;
        event(Type.CHAIN_RENAMED, f, w, from, 0, 0, to);
        return this;
    }

    @Override
    public Transaction flush(Family f, String table, String chain) throws RulesetException {
        WorkTable w = work(f, table);
        if (chain == null) {
            for (String c : new ArrayList<>(w.byName.keySet())) {
                flushOne(w, w.slot(c));
            }
        } else {
            flushOne(w, slotOf(w, chain));
        }
        w.used = true;
        event(Type.FLUSH, f, w, chain, 0, 0, null);
        return this;
    }

    private void flushOne(WorkTable w, int s) {
        List<RuleEntry> rules = w.rules(s);
        for (RuleEntry r : rules) {
            unlink(w, r);
        }
        rules.clear();
    }

    @Override
    public Transaction zero(Family f, String table, String chain) throws RulesetException {
        WorkTable w = work(f, table);
        List<Integer> slots = new ArrayList<>();
        if (chain == null) {
            slots.addAll(w.byName.values());
        } else {
            slots.add(slotOf(w, chain));
        }
        for (int s : slots) {
            ChainState c = w.slots[s];
            if (c.policyCounter >= 0) {
                counterSets.add(new long[] { c.policyCounter, 0, 0 });
            }
            for (RuleEntry r : w.view(s)) {
                counterSets.add(new long[] { r.counterId, 0, 0 });
            }
        }
        event(Type.ZERO, f, w, chain, 0, 0, null);
        return this;
    }

    @Override
    public Transaction zero(Family f, String table, String chain, int position) throws RulesetException {
        WorkTable w = work(f, table);
        List<RuleEntry> rules = w.view(slotOf(w, chain));
        if (position < 1 || position > rules.size()) {
            throw new RulesetException("index of rule too big: chain `" + chain + "' has " + rules.size()
                    + " rules, position " + position);
        }
        counterSets.add(new long[] { rules.get(position - 1).counterId, 0, 0 });
        event(Type.ZERO, f, w, chain, position, rules.get(position - 1).handle, null);
        return this;
    }

    @Override
    public Transaction policy(Family f, String table, String chain, int verdict) throws RulesetException {
        WorkTable w = work(f, table);
        int s = slotOf(w, chain);
        if (!w.slots[s].builtin) {
            throw new RulesetException("can't set policy on user-defined chain `" + chain + "'");
        }
        if (!w.base.def.policies().contains(verdict)) {
            throw new RulesetException("bad policy name `" + Verdict.name(verdict) + "' ("
                    + FamilyTables.policyNames(w.base.def) + ")");
        }
        w.slots[s] = w.slots[s].withPolicy(verdict);
        w.used = true;
        event(Type.POLICY, f, w, chain, 0, 0, Verdict.name(verdict));
        return this;
    }

    @Override
    public Transaction policyCounters(Family f, String table, String chain, long packets, long bytes)
            throws RulesetException {
        WorkTable w = work(f, table);
        int s = slotOf(w, chain);
        if (!w.slots[s].builtin) {
            throw new RulesetException("user-defined chain `" + chain + "' has no policy counters");
        }
        counterSets.add(new long[] { w.slots[s].policyCounter, packets, bytes });
        return this;
    }

    @Override
    public Transaction counters(long packets, long bytes) throws RulesetException {
        if (lastAdded == null) {
            throw new RulesetException("no rule to set counters on");
        }
        counterSets.add(new long[] { lastAdded.counterId, packets, bytes });
        return this;
    }

    @Override
    public Transaction resetTable(Family f, String table) throws RulesetException {
        WorkTable w = work(f, table);
        for (String c : new ArrayList<>(w.byName.keySet())) {
            int s = w.slot(c);
            flushOne(w, s);
        }
        for (String c : new ArrayList<>(w.byName.keySet())) {
            int s = w.slot(c);
            if (w.slots[s].builtin) {
                w.slots[s] = w.slots[s].withPolicy(Verdict.ACCEPT);
                counterSets.add(new long[] { w.slots[s].policyCounter, 0, 0 });
            } else {
                w.refs[s] = 0;
                w.removeChain(s);
            }
        }
        w.used = true;
        event(Type.FLUSH, f, w, null, 0, 0, "table reset");
        return this;
    }

    @Override
    public long commit() throws RulesetException {
        if (done) {
            throw new IllegalStateException("transaction already committed or closed");
        }
        if (!locked) {
            done = true;
            return core.generation();
        }
        for (WorkTable w : tables.values()) {
            if (w.checkAllJumps || w.addedJumps != null && !w.addedJumps.isEmpty()) {
                try {
                    ChainDepth.check(w, w.checkAllJumps ? null : w.addedJumps);
                } catch (RulesetException e) {
                    close();
                    throw e;
                }
            }
        }
        try {
            Map<String, TableState> next = new HashMap<>();
            for (Map.Entry<String, WorkTable> e : tables.entrySet()) {
                next.put(e.getKey(), e.getValue().freeze());
            }
            long gen = core.publish(next);
            for (long[] c : counterSets) {
                core.counters.set((int) c[0], c[1], c[2]);
            }
            for (int id : released) {
                core.counters.release(id);
            }
            List<RulesetEvent> out = new ArrayList<>(events.size());
            for (RulesetEvent ev : events) {
                out.add(new RulesetEvent(gen, ev.type(), ev.family(), ev.table(), ev.chain(), ev.position(),
                        ev.handle(), ev.detail()));
            }
            core.announce(out);
            allocated.clear();
            return gen;
        } finally {
            done = true;
            unlock();
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            // Counters handed to rules that never went live are free again.
            for (int id : allocated) {
                core.counters.release(id);
            }
            unlock();
        }
    }

    private void unlock() {
        if (locked) {
            locked = false;
            core.writeLock.unlock();
        }
    }
}
