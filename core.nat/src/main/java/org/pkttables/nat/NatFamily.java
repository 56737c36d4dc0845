package org.pkttables.nat;

import org.osgi.annotation.versioning.ConsumerType;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Target;
import org.pkttables.conntrack.NatEntry;

/**
 * One address family's side of NAT: what its rules' NAT targets do for the first packet of a connection,
 * and how a packet of a bound connection is rewritten ({@code nf_nat_packet}, ICMP errors included). The
 * IPv4 side is {@link Ipv4Nat} (core.nat); the IPv6 side (NAT66) is core.nat66's, a bundle that starts and
 * stops on its own. {@link NatServices} builds a family's target types and hook functions over it.
 */
@ConsumerType
public interface NatFamily {
    /** The family whose rules and packets this side handles. */
    Family family();

    /**
     * The compiled target of one rule: {@code kind} says where the address comes from, {@code manip} is
     * {@link NatCore#SRC} or {@link NatCore#DST} (NETMAP: chosen by the hook), {@code flags} the
     * {@link NatCore#RANDOM} bits; NETMAP's prefix mask is {@code maskHi:mask} (IPv4: {@code mask} only).
     */
    Target target(NatCore core, NatTarget.Kind kind, int manip, NatRange range, int flags, long maskHi, long mask);

    /**
     * Rewrites {@code p}, a packet of the bound connection {@code e}, for one manip type (only called when
     * {@link NatCore#translates} says the packet needs it). Allocation-free. Returns the verdict (DROP for a
     * packet that cannot be translated).
     */
    int translate(NatCore core, PacketContext p, NatEntry e, int manip);
}
