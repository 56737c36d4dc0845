package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/**
 * What the esp, ah and IPv6 ah matches share: an SPI range option, of which iptables 1.8.9 does not
 * list a range covering every SPI.
 */
abstract class SpiMatchType extends DescribedExtension implements MatchType {
    private final Param<NumRange> spi;

    SpiMatchType(ExtensionDescriptor descriptor, Param<NumRange> spi) {
        super(descriptor);
        this.spi = spi;
    }

    @Override
    public final Args canonicalize(Args args) {
        return NumRangeType.dropAll(args, spi, 0xffffffffL);
    }

    /** The SPI test of a header of protocol {@code proto} with the SPI at {@code spiAt}. */
    final SpiMatch spiMatch(Args args, int proto, int spiAt) {
        Args a = canonicalize(args);
        return new SpiMatch(proto, spiAt, a.getOr(spi, NumRangeType.ALL_U32), a.inverted(spi));
    }
}
