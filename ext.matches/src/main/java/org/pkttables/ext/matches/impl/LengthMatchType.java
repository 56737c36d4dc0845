package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code length} match (libxt_length): the length of the IP packet, header included. */
@Component(service = MatchType.class, property = MatchType.NAME + "=length")
public final class LengthMatchType extends DescribedExtension implements MatchType {
    static final Param<NumRange> LENGTH = Param.of("--length", NumRangeType.U16).invertible().mandatory()
            .listed("length {!}{v}").help("length[:length]: IP packet length in bytes");

    public LengthMatchType() {
        super(ExtensionDescriptor.match("length").ip().listing("")
                .params(LENGTH).help("length match: IP packet length").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(LENGTH)) {
            throw new IllegalArgumentException("option --length must be specified");
        }
        NumRange r = args.get(LENGTH);
        return new LengthMatch(args.family() == Family.IPV6, r, args.inverted(LENGTH));
    }
}
