package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.MatchType;

/** The {@code dst} match (libip6t_dst): the IPv6 destination options header, its length and options. */
@Component(service = MatchType.class, property = MatchType.NAME + "=dst")
public final class DstMatchType extends Ipv6OptionsMatchType {
    public DstMatchType() {
        super("dst", Ipv6Headers.DEST, "destination options");
    }
}
