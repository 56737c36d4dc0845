package org.pkttables.nat;

import java.util.List;

import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;
import org.pkttables.conntrack.NatEntry;

/**
 * A compiled IPv4 NAT target (SNAT, DNAT, MASQUERADE, REDIRECT, NETMAP): immutable, run only for the first
 * packet of a connection (the NAT engine runs the nat table for no other), it binds the connection
 * through {@link NatCore#setup} and ends the chain with ACCEPT, as the kernel's NAT targets do.
 * (core.nat66 has the IPv6 forms.)
 */
public final class NatTarget implements Target {
    /** Where the target's address comes from. */
    public enum Kind { RANGE, MASQUERADE, REDIRECT, NETMAP }

    private final NatCore core;
    private final Kind kind;
    /** SRC or DST; NETMAP: chosen by the hook. */
    private final int manip;
    private final NatRange range;
    private final int flags;
    /** NETMAP: the prefix's mask. */
    private final long mask;

    NatTarget(NatCore core, Kind kind, int manip, NatRange range, int flags, long mask) {
        this.core = core;
        this.kind = kind;
        this.manip = manip;
        this.range = range;
        this.flags = flags;
        this.mask = mask;
    }

    @Override
    public int explain(PacketContext p, List<String> notes) {
        return NatExplain.explain(this, core, Ipv4Nat.INSTANCE, p, notes);
    }

    @Override
    public int apply(PacketContext p) {
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
}
