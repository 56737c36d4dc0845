package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/** A compiled CLASSIFY: sets the priority and goes on. */
final class ClassifyTarget implements Target {
    private final int priority;

    ClassifyTarget(int priority) {
        this.priority = priority;
    }

    @Override
    public int apply(PacketContext p) {
        p.setPriority(priority);
        return Verdict.CONTINUE;
    }
}
