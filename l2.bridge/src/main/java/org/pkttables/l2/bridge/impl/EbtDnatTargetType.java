package org.pkttables.l2.bridge.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.TargetType;

/** ebtables' dnat target (nat PREROUTING/OUTPUT): rewrites the destination MAC, then gives {@code --dnat-target}. */
@Component(service = TargetType.class, property = TargetType.NAME + "=dnat")
public final class EbtDnatTargetType extends MacRewriteTargetType {
    static final Param<MacMask> TO = Param.of("--to-dst", MacMask.type(false)).alias("--to-destination").mandatory()
            .help("new destination MAC");
    static final Param<Integer> TARGET = target("--dnat-target");

    private static final ExtensionDescriptor D = ExtensionDescriptor.target("dnat").families(Family.BRIDGE)
            .tables("nat").hooks(Hook.PREROUTING, Hook.OUTPUT).params(TO, TARGET)
            .help("dnat: change the destination MAC").build();

    public EbtDnatTargetType() {
        super(D, TO, TARGET, false);
    }
}
