package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/**
 * The {@code mh} match (libip6t_mh): the IPv6 mobility header type, with {@code -p mh}
 * (listed {@code -p mobility-header}). The whole range 0:255 is not listed, even inverted, as
 * ip6tables-save does not list it.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=mh")
public final class MhMatchType extends DescribedExtension implements MatchType {
    static final NumRange ALL = new NumRange(0, 255);
    static final Param<NumRange> TYPE = Param.of("--mh-type", MhTypeRangeType.INSTANCE).invertible()
            .listed("{!}{v}").help("type[:type]: mobility header type, a number or a name such as binding-update (bu)");

    public MhMatchType() {
        super(ExtensionDescriptor.match("mh").families(Family.IPV6).listing("mh")
                .protocol("mh").params(TYPE).help("mh match: IPv6 mobility header type").build());
    }

    @Override
    public Args canonicalize(Args args) {
        return NumRangeType.dropAll(args, TYPE, 255);
    }

    @Override
    public Match compile(Args args) {
        if (args.protocol() != 135 || args.protocolInverted()) {
            throw new IllegalArgumentException("mh match needs -p mh (mobility-header)");
        }
        NumRange r = args.getOr(TYPE, ALL);
        return new MhMatch(r, args.inverted(TYPE));
    }
}
