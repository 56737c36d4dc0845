package org.pkttables.ext.targets.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParameterProblem;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The {@code ECN} target (libipt_ECN): set the IP ECN codepoint and/or the TCP ECE/CWR flags (mangle
 * table). Clearing both TCP flags without touching the IP field is listed as {@code --ecn-tcp-remove}.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=ECN")
public final class EcnTargetType extends DescribedExtension implements TargetType {
    static final Param<Boolean> REMOVE = Param.of("--ecn-tcp-remove", ParamTypes.flag())
            .listed("TCP remove").help("clear ECE and CWR of TCP packets");
    static final Param<Long> ECE = Param.of("--ecn-tcp-ece", ParamTypes.uint(0, 1)).listed("ECE={v}").help("set the TCP ECE flag to 0 or 1");
    static final Param<Long> CWR = Param.of("--ecn-tcp-cwr", ParamTypes.uint(0, 1)).listed("CWR={v}").help("set the TCP CWR flag to 0 or 1");
    static final Param<Long> ECT = Param.of("--ecn-ip-ect", ParamTypes.uint(0, 3)).listed("ECT codepoint={v}").help("set the IP ECN codepoint, 0-3");

    public EcnTargetType() {
        super(ExtensionDescriptor.target("ECN").families(Family.IPV4).listing("ECN")
                .tables("mangle").params(REMOVE, ECE, CWR, ECT)
                .excludes(REMOVE, CWR, ECE)
                .help("ECN: rewrite explicit congestion notification bits (non-terminating)").build());
    }

    /** REMOVE spelled out as ECE 0 and CWR 0; checks the combination. */
    private static Args expand(Args args) {
        // (--ecn-tcp-remove with --ecn-tcp-ece or --ecn-tcp-cwr: the descriptor's exclusion)
        Args a = args.has(REMOVE) ? args.toBuilder().remove(REMOVE).put(ECE, 0L).put(CWR, 0L).build() : args;
        if (!a.has(ECE) && !a.has(CWR) && !a.has(ECT)) {
            throw new ParameterProblem("one of --ecn-tcp-remove, --ecn-tcp-ece, --ecn-tcp-cwr, --ecn-ip-ect"
                    + " is required", "ECN target: An operation is required");
        }
        if ((a.has(ECE) || a.has(CWR)) && (a.protocol() != 6 || a.protocolInverted())) {
            throw new KernelRefusal("TCP operations need \"-p tcp\"");
        }
        return a;
    }

    @Override
    public Args canonicalize(Args args) {
        Args a = expand(args);
        if (a.has(ECE) && a.has(CWR) && !a.has(ECT) && a.get(ECE) == 0 && a.get(CWR) == 0) {
            return a.toBuilder().remove(ECE).remove(CWR).put(REMOVE, Boolean.TRUE).build();
        }
        return a;
    }

    @Override
    public Target compile(Args args) {
        Args a = expand(args);
        return new EcnTarget(a.has(ECT) ? a.get(ECT).intValue() : -1, a.has(ECE) ? a.get(ECE).intValue() : -1,
                a.has(CWR) ? a.get(CWR).intValue() : -1);
    }
}
