package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParameterProblem;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code ecn} match (libxt_ecn): TCP ECE/CWR flags and the IP ECN codepoint. */
@Component(service = MatchType.class, property = MatchType.NAME + "=ecn")
public final class EcnMatchType extends DescribedExtension implements MatchType {
    static final Param<Boolean> ECE = Param.of("--ecn-tcp-ece", ParamTypes.flag()).invertible()
            .listed("{!}ECE").help("TCP ECN-Echo flag set (needs -p tcp)");
    static final Param<Boolean> CWR = Param.of("--ecn-tcp-cwr", ParamTypes.flag()).invertible()
            .listed("{!}CWR").help("TCP Congestion Window Reduced flag set (needs -p tcp)");
    static final Param<Long> ECT = Param.of("--ecn-ip-ect", ParamTypes.uint(0, 3)).invertible()
            .listed("{!}ECT={v}").help("ECN codepoint of the IP header, 0-3");

    // Listed in this order by iptables 1.8.9 (ece before cwr).
    public EcnMatchType() {
        super(ExtensionDescriptor.match("ecn").ip().listing("ECN match")
                .params(ECE, CWR, ECT).help("ecn match: explicit congestion notification bits").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(ECE) && !args.has(CWR) && !args.has(ECT)) {
            throw new ParameterProblem("one of --ecn-tcp-ece, --ecn-tcp-cwr, --ecn-ip-ect is required", "ECN match: some option required");
        }
        if ((args.has(ECE) || args.has(CWR)) && (args.protocol() != 6 || args.protocolInverted())) {
            throw new KernelRefusal("--ecn-tcp-ece and --ecn-tcp-cwr need \"-p tcp\"");
        }
        return new EcnMatch(args.family() == Family.IPV6,
                args.has(ECE), args.inverted(ECE), args.has(CWR), args.inverted(CWR),
                args.has(ECT) ? args.get(ECT).intValue() : -1, args.inverted(ECT));
    }
}
