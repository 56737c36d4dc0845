package org.pkttables.ext.targets.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.RejectCodes;
import org.pkttables.api.ext.TargetType;

/** The IPv6 {@code REJECT} target (libip6t_REJECT): drop and answer with an ICMPv6 error or a TCP reset. */
@Component(service = TargetType.class, property = TargetType.NAME + "=REJECT")
public final class Reject6TargetType extends RejectTargetSupport {
    public Reject6TargetType() {
        super(Family.IPV6, RejectTypeType.IPV6, RejectCodes.ICMP6_PORT_UNREACH, "icmp6-port-unreachable",
                "an ICMPv6 error");
    }
}
