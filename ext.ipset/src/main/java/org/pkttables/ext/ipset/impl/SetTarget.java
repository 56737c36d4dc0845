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
    private final SetSlot map;
    private final SetLookup mapSpec;
    private final boolean mapMark;
    private final boolean mapPrio;
    /** Per worker: the mapped entry's mark, mask, priority, queue (16 longs apart: no false sharing). */
    private final long[] skbinfo;

    SetTarget(SetSlot add, SetLookup addSpec, long timeout, boolean exist, SetSlot del, SetLookup delSpec,
            SetSlot map, SetLookup mapSpec, boolean mapMark, boolean mapPrio) {
        this.add = add;
        this.addSpec = addSpec;
        this.timeout = timeout;
        this.exist = exist;
        this.del = del;
        this.delSpec = delSpec;
        this.map = map;
        this.mapSpec = mapSpec;
        this.mapMark = mapMark;
        this.mapPrio = mapPrio;
        this.skbinfo = map == null ? null : new long[PacketContext.MAX_WORKERS * 16];
    }

    @Override
    public int apply(PacketContext p) {
        if (add != null) {
            add.contents().addFrom(p, addSpec, timeout, exist);
        }
        if (del != null) {
            del.contents().delFrom(p, delSpec);
        }
        if (map != null) {
            int at = p.worker() * 16;
            long[] v = skbinfo;
            if (map.contents().lookupSkbinfo(p, mapSpec, v, at)) {
                if (mapMark) {
                    p.setMark((int) ((p.mark() & ~v[at + 1]) ^ v[at]));
                }
                if (mapPrio) {
                    p.setPriority((int) v[at + 2]);
                }
                // --map-queue: one transmit queue per port, see SetTargetType.MAP_QUEUE
            }
        }
        return Verdict.CONTINUE;
    }
}
