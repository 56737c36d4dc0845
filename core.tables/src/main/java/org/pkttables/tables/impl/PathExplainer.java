package org.pkttables.tables.impl;

import java.util.List;

import org.pkttables.api.Hook;
import org.pkttables.api.HookPriority;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;

/**
 * Walks a packet through the live ruleset the way {@link TableState} evaluates it, writing down each
 * rule it matches, each jump and return, and the final verdict — for {@code explain}. This is the
 * control plane: it may allocate, it counts nothing, and it never touches the hot path. Targets do run
 * (so a MARK changes what later rules see), against the explain command's own copy of the packet.
 *
 * <p>It stays in the engine although only {@code explain} (cli.xtables) uses it, through {@link
 * org.pkttables.tables.engine.RulesetTools#explain}: it walks the engine's private chain structures and
 * must follow every change of the evaluator's semantics (faults, hotdrop, fail-closed rules, depth).
 */
final class PathExplainer {
    private final RulesetImpl ruleset;

    PathExplainer(RulesetImpl ruleset) {
        this.ruleset = ruleset;
    }

    /** Runs the hooks in order; returns the verdict, lines appended to {@code out}. */
    int explain(PacketContext p, Hook[] hooks, List<String> out) {
        java.util.Set<String> skipped = new java.util.LinkedHashSet<>();
        int v = walkHooks(p, hooks, out, skipped);
        if (!skipped.isEmpty()) {
            out.add("(not consulted: " + String.join(", ", skipped) + ")");
        }
        return v;
    }

    private int walkHooks(PacketContext p, Hook[] hooks, List<String> out, java.util.Set<String> skipped) {
        for (Hook h : hooks) {
            p.setHook(h);
            out.add(h.name() + ":");
            int v = Verdict.ACCEPT;
            boolean natWalked = false;
            for (HookEntry e : ruleset.steps(p.family(), h)) {
                TableState t;
                if (e.function != null) {
                    // The NAT engine (or conntrack's fail-closed guard) runs the nat table here for the first
                    // packet of a new connection: explain's packet is one, so the table is walked in its place.
                    t = e.priority != natPriority(h) ? null : natTable(p);
                    if (t == null || natWalked) {
                        if (t == null) {
                            skipped.add(e.name);
                        }
                        continue;
                    }
                    natWalked = true;
                } else {
                    t = ruleset.liveTables(p.family())[e.table];
                }
                int slot = t.hookSlot[h.ordinal()];
                if (slot < 0) {
                    continue;
                }
                ChainState c = t.slots[slot];
                int r = walk(t, c, p, 0, out, "  ");
                if (r == Verdict.RETURN || r == Verdict.CONTINUE) {
                    if (c.rules.length > 0 || c.policy != Verdict.ACCEPT) {
                        out.add("  " + t.def.name() + " " + c.name + ": policy " + Verdict.name(c.policy));
                    }
                    r = c.policy;
                }
                if (r != Verdict.ACCEPT) {
                    v = r;
                    break;
                }
            }
            if (v != Verdict.ACCEPT) {
                out.add("verdict: " + Verdict.name(v) + " in " + h.name()
                        + (p.rejectWith() != PacketContext.REJECT_NONE ? " (rejected: an error goes back)" : ""));
                return v;
            }
        }
        out.add("verdict: ACCEPT" + (p.mark() != 0 ? " (mark 0x" + Integer.toHexString(p.mark()) + ")" : ""));
        return Verdict.ACCEPT;
    }

    /** The priority the NAT engine runs the nat table at on hook {@code h} (dstnat or srcnat). */
    private static int natPriority(Hook h) {
        return h == Hook.PREROUTING || h == Hook.OUTPUT ? HookPriority.NAT_DST : HookPriority.NAT_SRC;
    }

    /** The family's nat table when the core does not hook it itself (a NAT engine runs it), else null. */
    private TableState natTable(PacketContext p) {
        for (TableState t : ruleset.liveTables(p.family())) {
            if (t != null && t.def.name().equals("nat") && !t.def.hooked()) {
                return t;
            }
        }
        return null;
    }

    private int walk(TableState t, ChainState c, PacketContext p, int depth, List<String> out, String indent) {
        for (int i = 0; i < c.rules.length; i++) {
            RuleEntry r = c.rules[i];
            boolean matched;
            try {
                matched = r.matches(p);
            } catch (ExtensionFailure e) {
                return fault(t, i, r, e, where(t, c, i, r, indent), out);
            }
            if (!matched) {
                if (p.hotdropped()) {
                    out.add(where(t, c, i, r, indent) + "  => DROP (hotdrop: a header the rule must read is cut short)");
                    return Verdict.DROP;
                }
                continue;
            }
            String where = where(t, c, i, r, indent);
            switch (r.kind) {
                case RuleEntry.VERDICT:
                    if (r.missing != null) {
                        out.add(where + "  => DROP (fails closed: " + r.missing + " not loaded)");
                        return Verdict.DROP;
                    }
                    out.add(where + "  => " + Verdict.name(r.verdict));
                    return r.verdict;
                case RuleEntry.TARGET: {
                    int mark = p.mark();
                    int v;
                    List<String> notes = new java.util.ArrayList<>();
                    try {
                        v = r.explain(p, notes);
                    } catch (ExtensionFailure e) {
                        return fault(t, i, r, e, where, out);
                    }
                    out.add(where + "  => " + (v == Verdict.CONTINUE ? "continue" : Verdict.name(v))
                            + (p.mark() != mark ? " (mark 0x" + Integer.toHexString(p.mark()) + ")" : ""));
                    for (String n : notes) {
                        out.add(indent + "    " + n);
                    }
                    if (v != Verdict.CONTINUE) {
                        return v;
                    }
                    break;
                }
                case RuleEntry.JUMP:
                case RuleEntry.GOTO: {
                    String target = t.slots[r.jumpSlot].name;
                    out.add(where + "  => " + (r.kind == RuleEntry.GOTO ? "goto " : "jump ") + target);
                    if (depth >= TableState.MAX_DEPTH) {
                        out.add(indent + "  too deep: DROP");
                        return Verdict.DROP;
                    }
                    int v = walk(t, t.slots[r.jumpSlot], p, depth + 1, out, indent + "  ");
                    if (r.kind == RuleEntry.GOTO) {
                        return v;
                    }
                    if (v != Verdict.RETURN && v != Verdict.CONTINUE) {
                        return v;
                    }
                    out.add(indent + "  back in " + c.name);
                    break;
                }
                default:
                    out.add(where + "  => continue (no target)");
                    break;
            }
        }
        if (!c.builtin) {
            out.add(indent + t.def.name() + " " + c.name + ": end of chain, return");
        }
        return Verdict.RETURN;
    }

    private static String where(TableState t, ChainState c, int i, RuleEntry r, String indent) {
        return indent + t.def.name() + " " + c.name + " #" + (i + 1) + " "
                + RuleText.of(r, s -> t.slots[s] == null ? "?" : t.slots[s].name, false);
    }

    /** An extension threw: on the packet path the packet would be dropped (and counted) there. */
    private static int fault(TableState t, int i, RuleEntry r, ExtensionFailure e, String where, List<String> out) {
        out.add(where + "  => DROP (rule " + (i + 1) + ": " + RulesetImpl.faultText(t, r, e) + ")");
        return Verdict.DROP;
    }
}
