package org.pkttables.l2.bridge.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * ebtables' redirect target (nat PREROUTING): in the kernel it sets the destination MAC to the input
 * port's own address, so the frame goes up to the host. pkttables' bridge ports have no address of their
 * own in {@link org.pkttables.api.PacketContext}, so the frame keeps its MAC and only the verdict
 * ({@code --redirect-target}, ACCEPT by default) applies: a known difference.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=redirect")
public final class EbtRedirectTargetType implements TargetType {
    static final Param<Integer> TARGET = Param.of("--redirect-target", SubTarget.type())
            .help("verdict: ACCEPT (default, not listed), DROP, CONTINUE, RETURN");

    private static final ExtensionDescriptor D = ExtensionDescriptor.target("redirect").families(Family.BRIDGE)
            .tables("nat").hooks(Hook.PREROUTING).params(TARGET).help("redirect: send the frame to the host")
            .build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    /** ebtables lists the verdict only when it is not ACCEPT. */
    @Override
    public Args canonicalize(Args args) {
        return args.has(TARGET) && args.get(TARGET) == Verdict.ACCEPT ? args.toBuilder().remove(TARGET).build() : args;
    }

    @Override
    public Target compile(Args a) {
        int verdict = SubTarget.verdict(a, TARGET);
        return p -> verdict;
    }
}
