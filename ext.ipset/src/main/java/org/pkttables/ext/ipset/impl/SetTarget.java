package org.pkttables.ext.ipset.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * A compiled SET target. Adding takes the set's writer lock, as the kernel takes the set's spinlock;
 * the lookups of other workers never wait for it.
 */
final class SetTarget implements Target {
    private final SetSlot add;
    private final SetLookup addSpec;
    private final long timeout;
    private final boolean exist;
    private final SetSlot del;
    private final SetLookup delSpec;

    SetTarget(SetSlot add, SetLookup addSpec, long timeout, boolean exist, SetSlot del, SetLookup delSpec) {
        this.add = add;
        this.addSpec = addSpec;
        this.timeout = timeout;
        this.exist = exist;
        this.del = del;
        this.delSpec = delSpec;
    }

    @Override
    public int apply(PacketContext p) {
        if (add != null) {
            add.contents().addFrom(p, addSpec, timeout, exist);
        }
        if (del != null) {
            del.contents().delFrom(p, delSpec);
        }
        return Verdict.CONTINUE;
    }
}
