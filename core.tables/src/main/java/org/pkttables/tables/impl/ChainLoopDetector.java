package org.pkttables.tables.impl;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Finds whether a new jump from chain {@code from} to chain {@code to} closes a loop: a depth-first
 * walk from {@code to} along existing jumps, visiting each chain once, so one check costs the rules
 * reachable from {@code to}, never a pass over every pair of chains.
 */
final class ChainLoopDetector {
    private ChainLoopDetector() {
    }

    /**
     * @param rulesOf the rules of a slot, as the transaction currently sees them
     */
    static boolean closesLoop(int from, int to, IntFunction<List<RuleEntry>> rulesOf) {
        if (from == to) {
            return true;
        }
        BitSet seen = new BitSet();
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(to);
        seen.set(to);
        while (!stack.isEmpty()) {
            int s = stack.pop();
            List<RuleEntry> rules = rulesOf.apply(s);
            if (rules == null) {
                continue;
            }
            for (RuleEntry r : rules) {
                if (r.kind == RuleEntry.JUMP || r.kind == RuleEntry.GOTO) {
                    if (r.jumpSlot == from) {
                        return true;
                    }
                    if (!seen.get(r.jumpSlot)) {
                        seen.set(r.jumpSlot);
                        stack.push(r.jumpSlot);
                    }
                }
            }
        }
        return false;
    }
}
