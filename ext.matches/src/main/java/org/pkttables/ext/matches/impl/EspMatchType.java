package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code esp} match (libxt_esp): the security parameter index of an ESP header. */
@Component(service = MatchType.class, property = MatchType.NAME + "=esp")
public final class EspMatchType extends SpiMatchType {
    static final Param<NumRange> SPI = Param.of("--espspi", NumRangeType.U32).invertible()
            .listed("spi{s}:{!}{v}").help("spi[:spi]: security parameter index");

    public EspMatchType() {
        super(ExtensionDescriptor.match("esp").ip().protocol("esp").listing("esp")
                .params(SPI).help("esp match: IPsec ESP SPI").build(), SPI);
    }

    @Override
    public Match compile(Args args) {
        return spiMatch(args, 50, 0);
    }
}
