package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/**
 * A compiled LOG. Formatting allocates: logging is a slow path by nature, like the kernel's printk; a line
 * over the LOG rate ({@link LogTargetType#admit}) is counted and not formatted.
 */
record LogTarget(LogTargetType type, String prefix, int level, int flags) implements Target {
    @Override
    public int apply(PacketContext p) {
        if (type.admit()) {
            type.log(level, PacketLogFormatter.format(p, prefix, flags));
        }
        return Verdict.CONTINUE;
    }
}
