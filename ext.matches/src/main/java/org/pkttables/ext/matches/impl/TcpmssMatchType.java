package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code tcpmss} match (libxt_tcpmss): the MSS option of TCP SYN packets; needs {@code -p tcp}. */
@Component(service = MatchType.class, property = MatchType.NAME + "=tcpmss")
public final class TcpmssMatchType extends DescribedExtension implements MatchType {
    static final Param<NumRange> MSS = Param.of("--mss", NumRangeType.U16).invertible().mandatory()
            .listed("tcpmss match {!}{v}").help("value[:value]: maximum segment size");

    public TcpmssMatchType() {
        super(ExtensionDescriptor.match("tcpmss").ip().listing("")
                .params(MSS).help("tcpmss match: TCP MSS option").build());
    }

    @Override
    public Match compile(Args args) {
        if (args.protocol() != 6 || args.protocolInverted()) {
            throw new KernelRefusal("tcpmss needs \"-p tcp\"");
        }
        if (!args.has(MSS)) {
            throw new IllegalArgumentException("option --mss must be specified");
        }
        NumRange r = args.get(MSS);
        if (r.lo() > r.hi()) {
            throw new IllegalArgumentException("invalid MSS range " + r.lo() + ":" + r.hi() + " (min > max)");
        }
        return new TcpmssMatch(r, args.inverted(MSS));
    }
}
