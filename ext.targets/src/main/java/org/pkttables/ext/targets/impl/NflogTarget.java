package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/**
 * A compiled NFLOG: calls each listener of the group with the packet in place, allocation-free (the
 * listener array is read, not copied), and puts a LOG-style line in the LOG ring when one is bound and its
 * rate admits it (formatting allocates, as LOG's does). A listener that throws does not stop the packet or the other
 * listeners: the failure is reported through the System.Logger (a slow path, allowed to allocate).
 */
record NflogTarget(NflogTargetType type, int group, String prefix, int size) implements Target {
    private static final System.Logger LOG = System.getLogger("org.pkttables.nflog");

    @Override
    public int apply(PacketContext p) {
        for (NflogTargetType.Entry e : type.entries()) {
            if (e.group() < 0 || e.group() == group) {
                try {
                    e.listener().packet(group, prefix, p, size);
                } catch (RuntimeException ex) {
                    LOG.log(System.Logger.Level.WARNING, "NFLOG listener " + e.listener() + " failed", ex);
                }
            }
        }
        org.pkttables.ext.targets.api.LogRing ring = type.ring();
        if (ring != null && ring.admit()) {
            ring.publish(NflogTargetType.RING_ONLY, PacketLogFormatter.format(p, prefix, 0));
        }
        return Verdict.CONTINUE;
    }
}
