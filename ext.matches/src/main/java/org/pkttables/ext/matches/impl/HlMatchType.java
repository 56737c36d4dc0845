package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.MatchType;

/** The {@code hl} match (libip6t_hl): the IPv6 hop limit equal to, below or above a value. */
@Component(service = MatchType.class, property = MatchType.NAME + "=hl")
public final class HlMatchType extends HopLimitMatchType {
    public HlMatchType() {
        super(Family.IPV6, "hl", "hop limit", 7);
    }
}
