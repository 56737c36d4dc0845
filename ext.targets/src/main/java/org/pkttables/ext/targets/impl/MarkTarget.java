package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/** A compiled MARK: {@code mark = (mark & ~mask) ^ value}, then on to the next rule. */
final class MarkTarget implements Target {
    private final int value;
    private final int mask;

    MarkTarget(int value, int mask) {
        this.value = value;
        this.mask = mask;
    }

    @Override
    public int apply(PacketContext p) {
        p.setMark((p.mark() & ~mask) ^ value);
        return Verdict.CONTINUE;
    }
}
