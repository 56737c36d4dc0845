package org.pkttables.ext.targets.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.TargetType;

/** The {@code TTL} target (libipt_TTL): set, increment or decrement the IPv4 time to live (mangle table). */
@Component(service = TargetType.class, property = TargetType.NAME + "=TTL")
public final class TtlTargetType extends HopLimitTargetType {
    public TtlTargetType() {
        super(Family.IPV4, "TTL", "TTL", "time to live");
    }
}
