package org.pkttables.ext.targets.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.TargetType;

/** The {@code HL} target (libip6t_HL): set, increment or decrement the IPv6 hop limit (mangle table). */
@Component(service = TargetType.class, property = TargetType.NAME + "=HL")
public final class HlTargetType extends HopLimitTargetType {
    public HlTargetType() {
        super(Family.IPV6, "HL", "hop limit", "hop limit");
    }
}
