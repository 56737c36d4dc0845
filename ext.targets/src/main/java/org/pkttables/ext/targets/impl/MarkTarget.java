package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/** A compiled MARK: {@code mark = (mark & ~mask) ^ value}, then on to the next rule. */
record MarkTarget(int value, int mask) implements Target {
    @Override
    public int apply(PacketContext p) {
        p.setMark((p.mark() & ~mask) ^ value);
        return Verdict.CONTINUE;
    }
}
