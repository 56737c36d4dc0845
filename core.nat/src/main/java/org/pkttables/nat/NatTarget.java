package org.pkttables.nat.impl;

import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;
import org.pkttables.conntrack.NatEntry;

/**
 * A compiled NAT target (SNAT, DNAT, MASQUERADE, REDIRECT, NETMAP): immutable, run only for the first
 * packet of a connection (the NAT engine runs the nat table for no other), it binds the connection
 * through {@link NatCore#setup} and ends the chain with ACCEPT, as the kernel's NAT targets do.
 */
final class NatTarget implements Target {
    /** Where the target's address comes from. */
    enum Kind { RANGE, MASQUERADE, REDIRECT, NETMAP }

    private final NatCore core;
    /** An ip6tables rule (NAT66). */
    private final boolean v6;
    private final Kind kind;
    /** SRC or DST; NETMAP: chosen by the hook. */
    private final int manip;
    private final NatRange range;
    private final int flags;
    /** NETMAP: the prefix's mask (IPv6: its low 64 bits, {@code maskHi} the high ones). */
    private final long mask;
    private final long maskHi;

    NatTarget(NatCore core, boolean v6, Kind kind, int manip, NatRange range, int flags, long maskHi, long mask) {
        this.core = core;
        this.v6 = v6;
        this.maskHi = maskHi;
        this.kind = kind;
        this.manip = manip;
        this.range = range;
        this.flags = flags;
        this.mask = mask;
    }

    @Override
    public int apply(PacketContext p) {
        if (v6) {
            return apply6(p);
        }
        switch (kind) {
            case MASQUERADE: {
                long a = core.address(p.outIface(), p);
                return a < 0 ? Verdict.DROP : core.setup(p, NatCore.SRC, range, a, flags);
            }
            case REDIRECT: {
                // Locally generated packets go to the loopback address, others to the input port's address.
                long a = p.hook() == Hook.OUTPUT ? 0x7f000001L : core.address(p.inIface(), p);
                return a < 0 ? Verdict.DROP : core.setup(p, NatCore.DST, range, a, flags);
            }
            case NETMAP: {
                NatEntry e = NatCore.entry(p);
                if (e == null) {
                    return Verdict.ACCEPT;
                }
                boolean dst = p.hook() == Hook.PREROUTING || p.hook() == Hook.OUTPUT;
                long old = dst ? e.srcAddr(true) : e.dstAddr(true);
                long a = (old & ~mask & 0xffffffffL) | (range.minAddr() & mask);
                return core.setup(p, dst ? NatCore.DST : NatCore.SRC, range, a, flags);
            }
            default:
                return core.setup(p, manip, range, -1, flags);
        }
    }

    /** The IPv6 forms: addresses of 16 bytes, REDIRECT of the appliance's own packets to {@code ::1}. */
    private int apply6(PacketContext p) {
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
