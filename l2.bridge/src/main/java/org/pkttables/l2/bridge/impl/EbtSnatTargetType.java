package org.pkttables.l2.bridge.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.TargetType;

/**
 * ebtables' snat target (nat POSTROUTING): rewrites the source MAC (with {@code --snat-arp} also the ARP
 * sender hardware address), then gives {@code --snat-target}.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=snat")
public final class EbtSnatTargetType extends MacRewriteTargetType {
    static final Param<MacMask> TO = Param.of("--to-src", MacMask.type(false)).alias("--to-source").mandatory()
            .help("new source MAC");
    static final Param<Boolean> ARP = Param.of("--snat-arp", ParamTypes.flag())
            .help("also rewrite the sender hardware address of ARP frames");
    static final Param<Integer> TARGET = target("--snat-target");

    private static final ExtensionDescriptor D = ExtensionDescriptor.target("snat").families(Family.BRIDGE)
            .tables("nat").hooks(Hook.POSTROUTING).params(TO, ARP, TARGET)
            .help("snat: change the source MAC").build();

    public EbtSnatTargetType() {
        super(D, TO, TARGET, true);
    }

    @Override
    boolean arp(Args a) {
        return a.has(ARP);
    }
}
