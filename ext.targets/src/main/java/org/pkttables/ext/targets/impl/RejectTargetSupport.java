package org.pkttables.ext.targets.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.RejectCodes;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * What the IPv4 and IPv6 REJECT targets share: the descriptor, filling in the default answer and the
 * tcp-reset check; each family names its answers and its default.
 */
abstract class RejectTargetSupport extends DescribedExtension implements TargetType {
    private static final int IPPROTO_TCP = 6;

    private final Param<Integer> with;
    private final int dflt;

    RejectTargetSupport(Family family, RejectTypeType answers, int dflt, String dfltName, String error) {
        this(Param.of("--reject-with", answers).listed("reject-with {v}")
                .help("what to answer with (default " + dfltName + ")"), family,
                dflt, error);
    }

    private RejectTargetSupport(Param<Integer> with, Family family, int dflt, String error) {
        super(ExtensionDescriptor.target("REJECT").families(family)
                .hooks(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT).tables("filter").terminal().listing("").params(with)
                .help("REJECT: drop the packet and send back " + error + " or TCP reset").build());
        this.with = with;
        this.dflt = dflt;
    }

    /** iptables lists a REJECT without --reject-with with its default spelled out. */
    @Override
    public final Args canonicalize(Args args) {
        return args.has(with) ? args : args.toBuilder().put(with, dflt).build();
    }

    @Override
    public final Target compile(Args args) {
        int code = args.getOr(with, dflt);
        if (code == RejectCodes.TCP_RESET && (args.protocol() != IPPROTO_TCP || args.protocolInverted())) {
            throw new KernelRefusal("REJECT --reject-with tcp-reset is only valid with -p tcp");
        }
        return new RejectTarget(code);
    }
}
