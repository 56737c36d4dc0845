package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.MatchType;

/** The {@code hbh} match (libip6t_hbh): the IPv6 hop-by-hop options header, its length and options. */
@Component(service = MatchType.class, property = MatchType.NAME + "=hbh")
public final class HbhMatchType extends Ipv6OptionsMatchType {
    public HbhMatchType() {
        super("hbh", Ipv6Headers.HOP_BY_HOP, "hop-by-hop options");
    }
}
