package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code iprange} match (libxt_iprange revision 1): source and/or destination address ranges. */
@Component(service = MatchType.class, property = MatchType.NAME + "=iprange")
public final class IprangeMatchType extends DescribedExtension implements MatchType {
    static final Param<IpRange> SRC = Param.of("--src-range", IpRangeType.INSTANCE).invertible()
            .listed("source IP range {! }{v}").help("from[-to]: source address in the range");
    static final Param<IpRange> DST = Param.of("--dst-range", IpRangeType.INSTANCE).invertible()
            .listed("destination IP range {! }{v}").help("from[-to]: destination address in the range");

    /** Stands for "no range given": every address is inside it. */
    private static final IpRange ANY4 = new IpRange(false, 0, 0, 0, 0xffffffffL);
    private static final IpRange ANY6 = new IpRange(true, 0, 0, -1L, -1L);

    public IprangeMatchType() {
        super(ExtensionDescriptor.match("iprange").ip().listing("")
                .params(SRC, DST).help("iprange match: address ranges").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(SRC) && !args.has(DST)) {
            throw new ParameterProblem("--src-range or --dst-range is required", "iprange match: You must specify `--src-range' or `--dst-range'");
        }
        boolean v6 = args.family() == Family.IPV6;
        for (Param<IpRange> p : java.util.List.of(SRC, DST)) {
            if (args.has(p) && args.get(p).v6() != v6) {
                throw new IllegalArgumentException(p.option() + " " + args.get(p) + " is not an "
                        + (v6 ? "IPv6" : "IPv4") + " range");
            }
        }
        IpRange any = v6 ? ANY6 : ANY4;
        IpRange s = args.getOr(SRC, any);
        IpRange d = args.getOr(DST, any);
        return v6 ? new IprangeMatch6(s, args.inverted(SRC), d, args.inverted(DST))
                : new IprangeMatch4(s, args.inverted(SRC), d, args.inverted(DST));
    }
}
