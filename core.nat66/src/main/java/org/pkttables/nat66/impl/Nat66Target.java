package org.pkttables.nat66.impl;

import java.util.List;

import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;
import org.pkttables.conntrack.NatEntry;
import org.pkttables.nat.NatCore;
import org.pkttables.nat.NatExplain;
import org.pkttables.nat.NatRange;
import org.pkttables.nat.NatTarget;

/**
 * A compiled IPv6 NAT target of an ip6tables rule (NAT66: SNAT, DNAT, MASQUERADE, REDIRECT, NETMAP):
 * addresses of 16 bytes, REDIRECT of the appliance's own packets to {@code ::1}. Immutable, run only for the
 * first packet of a connection; it binds the connection through {@link NatCore#setup} and ends the chain
 * with ACCEPT.
 *
 * @param manip SRC or DST; NETMAP: chosen by the hook
 * @param maskHi NETMAP: the prefix's mask, high 64 bits
 * @param mask NETMAP: the prefix's mask, low 64 bits
 */
record Nat66Target(NatCore core, NatTarget.Kind kind, int manip, NatRange range, int flags, long maskHi, long mask)
        implements Target {
    @Override
    public int explain(PacketContext p, List<String> notes) {
        return NatExplain.explain(this, core, Ipv6Nat.INSTANCE, p, notes);
    }

    @Override
    public int apply(PacketContext p) {
        switch (kind) {
            case MASQUERADE: {
                long[] a = core.address6(p.outIface(), p);
                return a == null ? Verdict.DROP : core.setup(p, NatCore.SRC, range, true, a[0], a[1], flags);
            }
            case REDIRECT: {
                if (p.hook() == Hook.OUTPUT) {
                    return core.setup(p, NatCore.DST, range, true, 0, 1, flags);
                }
                long[] a = core.address6(p.inIface(), p);
                return a == null ? Verdict.DROP : core.setup(p, NatCore.DST, range, true, a[0], a[1], flags);
            }
            case NETMAP: {
                NatEntry e = NatCore.entry(p);
                if (e == null) {
                    return Verdict.ACCEPT;
                }
                boolean dst = p.hook() == Hook.PREROUTING || p.hook() == Hook.OUTPUT;
                long oldHi = dst ? e.srcAddrHi(true) : e.dstAddrHi(true);
                long old = dst ? e.srcAddr(true) : e.dstAddr(true);
                return core.setup(p, dst ? NatCore.DST : NatCore.SRC, range, true,
                        (oldHi & ~maskHi) | (range.minHi() & maskHi), (old & ~mask) | (range.minAddr() & mask), flags);
            }
            default:
                return core.setup(p, manip, range, false, 0, 0, flags);
        }
    }
}
