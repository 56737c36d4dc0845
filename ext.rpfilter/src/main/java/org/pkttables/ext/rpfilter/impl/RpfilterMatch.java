package org.pkttables.ext.rpfilter.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.route.RoutingTable;

/**
 * A compiled rpfilter match, one for both families: the rule's options, the inversion, the pass for a
 * packet not received on a port (the kernel's rpfilter_is_loopback: the appliance's own traffic) and
 * the fail for a cut-short IP header are shared; the lookup itself is the family's ({@link Rpfilter4},
 * {@link Rpfilter6}).
 */
record RpfilterMatch(RoutingTable table, boolean v6, boolean loose, boolean acceptLocal, boolean invert)
        implements Match {
    @Override
    public boolean matches(PacketContext p) {
        return passes(p) ^ invert;
    }

    private boolean passes(PacketContext p) {
        String in = p.inIface();
        if (in == null || in.equals("lo")) {
            return true;
        }
        int l3 = p.l3Offset();
        if (!p.has(l3, v6 ? 40 : 20)) {
            return false;
        }
        return v6 ? Rpfilter6.passes(this, p, l3, in) : Rpfilter4.passes(this, p, l3, in);
    }
}
