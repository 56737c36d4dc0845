package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.MatchType;

/** The {@code ttl} match (libipt_ttl): the IPv4 time to live equal to, below or above a value. */
@Component(service = MatchType.class, property = MatchType.NAME + "=ttl")
public final class TtlMatchType extends HopLimitMatchType {
    public TtlMatchType() {
        super(Family.IPV4, "ttl", "time to live", 8);
    }
}
