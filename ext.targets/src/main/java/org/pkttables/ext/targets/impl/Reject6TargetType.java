package org.pkttables.ext.targets.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.RejectCodes;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/** The IPv6 {@code REJECT} target (libip6t_REJECT): drop and answer with an ICMPv6 error or a TCP reset. */
@Component(service = TargetType.class, property = TargetType.NAME + "=REJECT")
public final class Reject6TargetType extends DescribedExtension implements TargetType {
    static final Param<Integer> WITH = Param.of("--reject-with", RejectTypeType.IPV6)
            .help("what to answer with (default icmp6-port-unreachable)");

    public Reject6TargetType() {
        super(ExtensionDescriptor.target("REJECT").families(Family.IPV6)
                .hooks(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT).tables("filter").terminal().params(WITH)
                .help("REJECT: drop the packet and send back an ICMPv6 error or TCP reset").build());
    }

    @Override
    public Args canonicalize(Args args) {
        return RejectTargetSupport.withDefault(args, WITH, RejectCodes.ICMP6_PORT_UNREACH);
    }

    @Override
    public Target compile(Args args) {
        return RejectTargetSupport.compile(args, WITH, RejectCodes.ICMP6_PORT_UNREACH);
    }
}
