package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The IPv4 {@code ah} match (libipt_ah): the SPI of an AH header; needs {@code -p ah}. */
@Component(service = MatchType.class, property = MatchType.NAME + "=ah")
public final class AhMatchType extends SpiMatchType {
    static final Param<NumRange> SPI = Param.of("--ahspi", NumRangeType.U32).invertible()
            .listed("{<}spi{s}:{!}{v}").help("spi[:spi]: security parameter index");

    public AhMatchType() {
        super(ExtensionDescriptor.match("ah").families(Family.IPV4).listing("ah ")
                .protocol("ah").params(SPI).help("ah match: IPsec AH SPI").build(), SPI);
    }

    @Override
    public Match compile(Args args) {
        return spiMatch(args, 51, 4);
    }
}
