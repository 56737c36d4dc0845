package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/** A compiled TOS target, as tos_tg: a header cut short is dropped, an unchanged field is left alone. */
record TosTarget(boolean v6, int value, int mask) implements Target {
    @Override
    public int apply(PacketContext p) {
        int old = DsField.get(p, v6);
        if (old < 0) {
            return Verdict.DROP;
        }
        int nv = ((old & ~mask) ^ value) & 0xff;
        if (nv != old) {
            DsField.set(p, v6, nv);
        }
        return Verdict.CONTINUE;
    }
}
