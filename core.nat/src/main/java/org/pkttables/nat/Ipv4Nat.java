package org.pkttables.nat;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Target;
import org.pkttables.conntrack.NatEntry;

/** The IPv4 side of NAT (core.nat): {@link NatTarget} for the rules, {@link NatCore#translate} for the packets. */
public final class Ipv4Nat implements NatFamily {
    public static final Ipv4Nat INSTANCE = new Ipv4Nat();

    private Ipv4Nat() {
    }

    @Override
    public Family family() {
        return Family.IPV4;
    }

    @Override
    public Target target(NatCore core, NatTarget.Kind kind, int manip, NatRange range, int flags, long maskHi,
            long mask) {
        return new NatTarget(core, kind, manip, range, flags, mask);
    }

    @Override
    public int translate(NatCore core, PacketContext p, NatEntry e, int manip) {
        return core.translate(p, e, manip);
    }
}
