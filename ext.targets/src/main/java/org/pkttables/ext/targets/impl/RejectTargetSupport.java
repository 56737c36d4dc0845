package org.pkttables.ext.targets.impl;

import org.pkttables.api.RejectCodes;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;

/** What the IPv4 and IPv6 REJECT targets share: default filling and the tcp-reset check. */
final class RejectTargetSupport {
    private static final int IPPROTO_TCP = 6;

    private RejectTargetSupport() {
    }

    /** iptables lists a REJECT without --reject-with with its default spelled out. */
    static Args withDefault(Args args, Param<Integer> with, int dflt) {
        return args.has(with) ? args : args.toBuilder().put(with, dflt).build();
    }

    static Target compile(Args args, Param<Integer> with, int dflt) {
        int code = args.getOr(with, dflt);
        if (code == RejectCodes.TCP_RESET && (args.protocol() != IPPROTO_TCP || args.protocolInverted())) {
            throw new IllegalArgumentException("REJECT --reject-with tcp-reset is only valid with -p tcp");
        }
        return new RejectTarget(code);
    }
}
