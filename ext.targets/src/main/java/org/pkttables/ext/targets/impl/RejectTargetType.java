package org.pkttables.ext.targets.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.RejectCodes;
import org.pkttables.api.ext.TargetType;

/** The IPv4 {@code REJECT} target (libipt_REJECT): drop and answer with an ICMP error or a TCP reset. */
@Component(service = TargetType.class, property = TargetType.NAME + "=REJECT")
public final class RejectTargetType extends RejectTargetSupport {
    public RejectTargetType() {
        super(Family.IPV4, RejectTypeType.IPV4, RejectCodes.ICMP_PORT_UNREACHABLE, "icmp-port-unreachable",
                "an ICMP error");
    }
}
