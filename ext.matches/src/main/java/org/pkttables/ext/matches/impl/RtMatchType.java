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

/** The {@code rt} match (libip6t_rt): the IPv6 routing header; type 0 addresses. */
@Component(service = MatchType.class, property = MatchType.NAME + "=rt")
public final class RtMatchType extends DescribedExtension implements MatchType {
    static final Param<Long> TYPE = Param.of("--rt-type", ParamTypes.uint(0, 0xffffffffL)).invertible()
            .listed("type:{!}{v}").help("routing type");
    static final Param<NumRange> SEGSLEFT = Param.of("--rt-segsleft", NumRangeType.U32).invertible()
            .listed("segsleft{s}:{!}{v}").help("num[:num]: segments left");
    static final Param<Long> LEN = Param.of("--rt-len", ParamTypes.uint(0, 0xffffffffL)).invertible()
            .listed("length:{!}{v}").help("header length in bytes");
    static final Param<Boolean> RES = Param.of("--rt-0-res", ParamTypes.flag())
            .listed("reserved").help("type 0: the reserved field must be zero");
    static final Param<Ipv6AddressList> ADDRS = Param.of("--rt-0-addrs", Ipv6AddressList.TYPE)
            .listed("0-addrs {v}").help("type 0: the addresses, in order");
    static final Param<Boolean> NOT_STRICT = Param.of("--rt-0-not-strict", ParamTypes.flag())
            .listed("0-not-strict").help("type 0: the addresses may have others between them");

    public RtMatchType() {
        super(ExtensionDescriptor.match("rt").families(Family.IPV6).listing("rt")
                .params(TYPE, SEGSLEFT, LEN, RES, ADDRS, NOT_STRICT).help("rt match: IPv6 routing header").build());
    }

    @Override
    public Args canonicalize(Args args) {
        check(args);
        // As ip6tables 1.8.9: a segsleft range covering everything is not listed, inverted or not.
        return NumRangeType.dropAll(args, SEGSLEFT, 0xffffffffL);
    }

    private static void check(Args args) {
        boolean type0 = args.has(TYPE) && args.get(TYPE) == 0 && !args.inverted(TYPE);
        if ((args.has(RES) || args.has(ADDRS)) && !type0) {
            throw new IllegalArgumentException("--rt-0-res and --rt-0-addrs need --rt-type 0");
        }
        if (args.has(NOT_STRICT) && !args.has(ADDRS)) {
            throw new IllegalArgumentException("--rt-0-not-strict needs --rt-0-addrs");
        }
    }

    @Override
    public Match compile(Args args) {
        check(args);
        Args a = NumRangeType.dropAll(args, SEGSLEFT, 0xffffffffL);
        return new RtMatch(a.has(TYPE), a.getOr(TYPE, 0L), a.inverted(TYPE), a.getOr(SEGSLEFT, NumRangeType.ALL_U32),
                a.inverted(SEGSLEFT), a.has(LEN), a.getOr(LEN, 0L), a.inverted(LEN), a.has(RES), a.get(ADDRS),
                a.has(NOT_STRICT));
    }
}
