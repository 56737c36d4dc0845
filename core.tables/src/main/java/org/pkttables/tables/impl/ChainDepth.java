package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.pkttables.api.RulesetException;

/**
 * The jump depth limit of nf_tables, checked when a transaction commits: a built-in chain may lead
 * through at most {@link #MAX_LEVELS} levels of user chains (jumps and gotos alike; NFT_JUMP_STACK_SIZE
 * is 16 with the built-in chain at level 0). iptables-nft 1.8.9 on Linux 6.x refuses the commit with
 * "RULE_APPEND failed (Too many links)" and exit status 4; chains that no built-in chain reaches may be
 * nested deeper until one does. So the evaluator never meets a ruleset deeper than it may go.
 *
 * <p>A commit that added a few jumps checks only below them: a jump from a built-in chain needs the
 * height (levels of chains below) of the chain it jumps to, which costs the rules of that chain and
 * of the chains it reaches, never the built-in chain's own (an insert into a 100k-rule chain stays as
 * cheap as it was); a jump from a chain nothing jumps to cannot be reached. A jump from a chain that
 * is itself reached, or many jumps (a restore), cost one pass over the chains the built-in chains
 * reach, through each chain's jump targets, which an unedited chain keeps from the last check (so
 * a 100k-rule built-in chain is walked once, not at every such commit). Heights are computed once
 * per chain, without recursion, so 10,000 levels cost no stack.
 */
final class ChainDepth {
    /** Levels of user chains below a built-in chain that nf_tables accepts. */
    static final int MAX_LEVELS = 15;
    /** Added jumps checked one by one; beyond this one pass over the table is cheaper. */
    static final int MAX_TRACKED = 64;

    private ChainDepth() {
    }

    /** Thrown for a ruleset deeper than nf_tables allows; the command exits 4 as iptables does. */
    static final class TooManyLinks extends org.pkttables.tables.engine.ResourceLimitException {
        private static final long serialVersionUID = 1L;

        TooManyLinks(String message) {
            super(message);
        }
    }

    /**
     * Refuses the table when a built-in chain reaches more than {@link #MAX_LEVELS} levels of user
     * chains through one of {@code added} (jump rule to the slot of its chain), or through any jump
     * when {@code added} is null.
     */
    static void check(WorkTable w, Map<RuleEntry, Integer> added) throws RulesetException {
        int n = w.slots.length;
        int[] height = new int[n];
        // 0: not seen, 1: on the walk, 2: height known.
        byte[] state = new byte[n];
        int[] stack = new int[n];
        int[] next = new int[n];
        int[][] targets = new int[n][];
        if (added != null) {
            boolean all = false;
            for (Map.Entry<RuleEntry, Integer> e : added.entrySet()) {
                int from = e.getValue();
                int to = e.getKey().jumpSlot;
                if (w.slots[from] == null || w.slots[to] == null) {
                    continue;
                }
                if (!w.slots[from].builtin) {
                    // Unreached chains may be as deep as they like; a reached one needs its own depth.
                    all |= w.refs[from] > 0;
                    continue;
                }
                heights(w, to, height, state, stack, next, targets);
                if (height[to] + 1 > MAX_LEVELS) {
                    throw tooDeep(w, List.of(w.chainName(from)), to, height);
                }
            }
            if (!all) {
                return;
            }
        }
        for (int root = 0; root < n; root++) {
            if (w.slots[root] == null || !w.slots[root].builtin) {
                continue;
            }
            heights(w, root, height, state, stack, next, targets);
            if (height[root] > MAX_LEVELS) {
                throw tooDeep(w, List.of(), root, height);
            }
        }
    }

    /** Post-order walk from {@code root} filling {@code height} for every chain it reaches. */
    private static void heights(WorkTable w, int root, int[] height, byte[] state, int[] stack, int[] next,
            int[][] targets) throws RulesetException {
        if (state[root] == 2) {
            return;
        }
        int top = 0;
        stack[top++] = root;
        state[root] = 1;
        next[root] = 0;
        while (top > 0) {
            int s = stack[top - 1];
            if (targets[s] == null) {
                targets[s] = w.jumpTargets(s);
            }
            int i = next[s];
            if (i == targets[s].length) {
                state[s] = 2;
                top--;
                continue;
            }
            next[s] = i + 1;
            int t = targets[s][i];
            if (state[t] == 0) {
                state[t] = 1;
                next[t] = 0;
                stack[top++] = t;
            } else if (state[t] == 1) {
                // Loops are refused as rules are added; this only keeps a broken table from hanging here.
                throw new RulesetException("loop detected: chain `" + w.chainName(t) + "' leads back to itself");
            }
            if (state[t] == 2) {
                height[s] = Math.max(height[s], height[t] + 1);
            } else {
                // t is now on the walk: s takes t's height once t is done (t is re-read below).
                next[s] = i;
            }
        }
    }


    /** The error naming the chain whose jump goes one level too deep: the path is {@code above}, then the deepest from {@code s}. */
    private static TooManyLinks tooDeep(WorkTable w, List<String> above, int s, int[] height) {
        List<String> path = new ArrayList<>(above);
        path.add(w.chainName(s));
        while (height[s] > 0) {
            int deepest = -1;
            for (int t : w.jumpTargets(s)) {
                if (deepest < 0 || height[t] > height[deepest]) {
                    deepest = t;
                }
            }
            s = deepest;
            path.add(w.chainName(s));
        }
        String from = path.get(MAX_LEVELS);
        String to = path.get(MAX_LEVELS + 1);
        List<String> shown = path;
        if (path.size() > 8) {
            shown = new ArrayList<>(List.of(path.get(0), path.get(1), "...", from, to));
            if (path.size() > MAX_LEVELS + 2) {
                shown.add("...");
                shown.add(path.get(path.size() - 1));
            }
        }
        return new TooManyLinks("too many links: rule in chain `" + from + "' jumps to `" + to + "', "
                + (MAX_LEVELS + 1) + " levels below built-in chain `" + path.get(0) + "' (" + String.join(" -> ", shown)
                + ", " + (path.size() - 1) + " levels); nf_tables allows at most " + MAX_LEVELS
                + " levels of user chains below a built-in chain");
    }
}
