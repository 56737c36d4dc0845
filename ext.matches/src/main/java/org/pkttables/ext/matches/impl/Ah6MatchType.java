package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The IPv6 {@code ah} match (libip6t_ah): the AH extension header is found in the header chain, so
 * no {@code -p} is needed; SPI, length and reserved field.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=ah")
public final class Ah6MatchType extends SpiMatchType {
    static final Param<NumRange> SPI = Param.of("--ahspi", NumRangeType.U32).invertible()
            .listed("{<}spi{s}:{!}{v}").help("spi[:spi]: security parameter index");
    static final Param<Long> LEN = Param.of("--ahlen", ParamTypes.uint(0, 0xffffffffL)).invertible()
            .listed("{<}length:{!}{v}").help("header length in bytes");
    static final Param<Boolean> RES = Param.of("--ahres", ParamTypes.flag()).listed("reserved").help("the reserved field must be zero");

    public Ah6MatchType() {
        super(ExtensionDescriptor.match("ah").families(Family.IPV6).listing("ah ")
                .params(SPI, LEN, RES).help("ah match: IPv6 authentication header").build(), SPI);
    }

    @Override
    public Match compile(Args args) {
        Args a = canonicalize(args);
        return new Ah6Match(a.getOr(SPI, NumRangeType.ALL_U32), a.inverted(SPI), a.getOr(LEN, 0L), a.inverted(LEN),
                a.has(RES));
    }
}
