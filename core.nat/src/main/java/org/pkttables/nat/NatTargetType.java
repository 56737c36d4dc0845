package org.pkttables.nat.impl;

import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * What the NAT target types share: their engine, their descriptor, the check that an address range is of
 * the rule's family (iptables or ip6tables), and the check that a port range comes with a protocol that
 * has ports.
 */
abstract class NatTargetType implements TargetType {
    final NatCore core;
    private final ExtensionDescriptor descriptor;

    NatTargetType(NatCore core, ExtensionDescriptor descriptor) {
        this.core = core;
        this.descriptor = descriptor;
    }

    @Override
    public final ExtensionDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final Target compile(Args a) {
        return compileTarget(a, a.family() == Family.IPV6);
    }

    /** The target for an IPv4 ({@code v6} false) or IPv6 rule. */
    abstract Target compileTarget(Args a, boolean v6);

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
