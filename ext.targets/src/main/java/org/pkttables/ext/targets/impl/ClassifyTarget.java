package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/** A compiled CLASSIFY: sets the priority and goes on. */
record ClassifyTarget(int priority) implements Target {
    @Override
    public int apply(PacketContext p) {
        p.setPriority(priority);
        return Verdict.CONTINUE;
    }
}
