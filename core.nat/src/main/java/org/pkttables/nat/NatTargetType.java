package org.pkttables.nat;

import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * What the NAT target types share: their engine, their family's side of NAT ({@link NatFamily}: a target
 * type serves one family, iptables or ip6tables, so each family's bundle registers its own), their
 * descriptor, the check that an address range is of the rule's family, and the check that a port range
 * comes with a protocol that has ports.
 */
public abstract class NatTargetType implements TargetType {
    final NatCore core;
    final NatFamily family;
    private final ExtensionDescriptor descriptor;

    NatTargetType(NatCore core, NatFamily family, ExtensionDescriptor descriptor) {
        this.core = core;
        this.family = family;
        this.descriptor = descriptor;
    }

    /** What the help text says the target serves. */
    static String serves(Family f) {
        return f == Family.IPV6 ? " (IPv6, NAT66)" : " (IPv4)";
    }

    @Override
    public final ExtensionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Target compile(Args a) {
        return compileTarget(a);
    }

    /** The target for a rule of this type's family. */
    abstract Target compileTarget(Args a);

    /** The range of {@code p}, or {@code dflt} when not given; ports need -p tcp/udp/sctp/dccp/icmp. */
    static NatRange range(Args a, Param<NatRange> p, NatRange dflt) {
        NatRange r = a.has(p) ? a.get(p) : dflt;
        if (a.has(p)) {
            NatRangeType.checkFamily(r, a.family() == Family.IPV6);
        }
        if (r.protoSpecified()) {
            NatRangeType.checkProtocol(a.protocol(), a.protocolInverted());
        }
        return r;
    }

    /** The flag bits of the given options (null: the target has no such option). */
    static int flags(Args a, Param<Boolean> random, Param<Boolean> fully, Param<Boolean> persistent) {
        return (random != null && a.has(random) ? NatCore.RANDOM : 0)
                | (fully != null && a.has(fully) ? NatCore.RANDOM_FULLY : 0)
                | (persistent != null && a.has(persistent) ? NatCore.PERSISTENT : 0);
    }

    @Override
    public String toString() {
        return descriptor.name();
    }
}
