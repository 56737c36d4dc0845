package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code esp} match (libxt_esp): the security parameter index of an ESP header. */
@Component(service = MatchType.class, property = MatchType.NAME + "=esp")
public final class EspMatchType implements MatchType {
    static final NumRange ALL = new NumRange(0, 0xffffffffL);

    static final Param<NumRange> SPI = Param.of("--espspi", NumRangeType.U32).invertible()
            .help("spi[:spi]: security parameter index");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("esp").ip().protocol("esp")
            .params(SPI).help("esp match: IPsec ESP SPI").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** iptables 1.8.9 does not list a range covering every SPI, inverted or not. */
    static Args dropAll(Args args, Param<NumRange> p) {
        return args.has(p) && args.get(p).isAll(0xffffffffL) ? args.toBuilder().remove(p).build() : args;
    }

    @Override
    public Args canonicalize(Args args) {
        return dropAll(args, SPI);
    }

    @Override
    public Match compile(Args args) {
        Args a = dropAll(args, SPI);
        return new SpiMatch(50, 0, a.getOr(SPI, ALL), a.inverted(SPI));
    }
}
