package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code frag} match (libip6t_frag): fields of the IPv6 fragment header. */
@Component(service = MatchType.class, property = MatchType.NAME + "=frag")
public final class FragMatchType extends DescribedExtension implements MatchType {
    static final Param<NumRange> ID = Param.of("--fragid", NumRangeType.U32).invertible()
            .listed("{<}id{s}:{!}{v}").help("id[:id]: fragment identification");
    static final Param<Long> LEN = Param.of("--fraglen", ParamTypes.uint(0, 0xffffffffL)).invertible()
            .listed("length:{!}{v}").help("header length (accepted and listed; the kernel does not test it either)");
    static final Param<Boolean> RES = Param.of("--fragres", ParamTypes.flag()).listed("reserved").help("the reserved fields must be zero");
    static final Param<Boolean> FIRST = Param.of("--fragfirst", ParamTypes.flag()).listed("first").help("first fragment (offset 0)");
    static final Param<Boolean> MORE = Param.of("--fragmore", ParamTypes.flag()).listed("more").help("more fragments follow");
    static final Param<Boolean> LAST = Param.of("--fraglast", ParamTypes.flag()).listed("last").help("last fragment");

    public FragMatchType() {
        super(ExtensionDescriptor.match("frag").families(Family.IPV6).listing("frag ")
                .params(ID, LEN, RES, FIRST, MORE, LAST).exclusive(MORE, LAST).help("frag match: IPv6 fragment header").build());
    }

    @Override
    public Args canonicalize(Args args) {
        check(args);
        // ip6tables 1.8.9 drops an id range covering everything, inverted or not, from the listing.
        return NumRangeType.dropAll(args, ID, 0xffffffffL);
    }

    private static void check(Args args) {
        if (args.has(MORE) && args.has(LAST)) {
            throw new IllegalArgumentException("--fragmore and --fraglast cannot be used together");
        }
    }

    @Override
    public Match compile(Args args) {
        check(args);
        Args a = NumRangeType.dropAll(args, ID, 0xffffffffL);
        return new FragMatch(a.getOr(ID, NumRangeType.ALL_U32), a.inverted(ID), a.has(RES), a.has(FIRST), a.has(MORE),
                a.has(LAST));
    }
}
