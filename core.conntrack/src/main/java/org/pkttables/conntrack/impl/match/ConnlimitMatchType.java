package org.pkttables.conntrack.impl.match;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.StatefulMatch;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.conntrack.impl.CtView;

/**
 * The {@code connlimit} match (libxt_connlimit revision 1): the number of live connections from the
 * packet's source (or to its destination) network, counted by the rule itself, is above (or up to) a limit.
 * Listed as iptables 1.8.9 does: {@code ! --connlimit-above} is {@code --connlimit-upto}, the mask and
 * {@code --connlimit-saddr} always printed. A packet without a connection does not match (the kernel counts
 * its tuple anyway).
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=connlimit")
public final class ConnlimitMatchType implements MatchType {
    static final Param<Long> UPTO = Param.of("--connlimit-upto", ParamTypes.uint(0, 0xFFFFFFFFL)).invertible().listed("<= {v}")
            .help("match while the connections are at most this many");
    static final Param<Long> ABOVE = Param.of("--connlimit-above", ParamTypes.uint(0, 0xFFFFFFFFL)).invertible().listed("> {v}")
            .help("match when the connections are more than this many");
    static final Param<Long> MASK = Param.of("--connlimit-mask", ParamTypes.prefixLengthOrMask()).listed("{<}/{v}")
            .help("prefix length (or netmask) grouping addresses (default: the whole address)");
    static final Param<Boolean> SADDR = Param.of("--connlimit-saddr", ParamTypes.flag()).listed("#conn src")
            .help("count connections per source network (default)");
    static final Param<Boolean> DADDR = Param.of("--connlimit-daddr", ParamTypes.flag()).listed("#conn dst")
            .help("count connections per destination network");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("connlimit")
            .families(Family.IPV4, Family.IPV6).params(UPTO, ABOVE, MASK, SADDR, DADDR)
            .exclusive(UPTO, ABOVE).exclusive(SADDR, DADDR)
            // -L: "#conn src/32 > 2" (canonical: one of upto/above, not inverted, the mask, saddr or daddr)
            .listing("").listOrder(SADDR, DADDR, MASK, UPTO, ABOVE)
            .help("connlimit match: limit parallel connections per client network").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Args canonicalize(Args args) {
        // (--connlimit-upto with --connlimit-above, --connlimit-saddr with --connlimit-daddr: the descriptor's exclusions)
        if (!args.has(UPTO) && !args.has(ABOVE)) {
            throw new ParameterProblem("connlimit: you must specify \"--connlimit-above\" or \"--connlimit-upto\"",
                    "You must specify \"--connlimit-above\" or \"--connlimit-upto\".");
        }
        boolean above = args.has(ABOVE) != (args.has(UPTO) ? args.inverted(UPTO) : args.inverted(ABOVE));
        long limit = args.has(UPTO) ? args.get(UPTO) : args.get(ABOVE);
        long full = args.family() == Family.IPV6 ? 128 : 32;
        long mask = args.getOr(MASK, full);
        if (full == 128 && mask > 128) {
            throw ParameterProblem.of("connlimit: bad value for option \"--connlimit-mask\", neither a valid"
                    + " network mask nor valid CIDR (0-128).\n");
        }
        Args.Builder b = args.toBuilder().remove(UPTO).remove(ABOVE).put(above ? ABOVE : UPTO, limit)
                .put(MASK, Math.min(mask, full));
        if (!args.has(DADDR)) {
            b.put(SADDR, true);
        }
        return b.build();
    }

    @Override
    public Match compile(Args args) {
        Args a = canonicalize(args);
        boolean v6 = a.family() == Family.IPV6;
        int len = a.get(MASK).intValue();
        long maskHi = v6 ? InetText.ipv6MaskHi(len) : 0;
        long maskLo = v6 ? InetText.ipv6MaskLo(len) : InetText.ipv4Mask(len);
        return new Compiled(v6, a.has(DADDR), maskHi, maskLo, a.has(ABOVE) ? a.get(ABOVE) : a.get(UPTO), a.has(UPTO));
    }

    private static final class Compiled implements StatefulMatch {
        private final boolean v6;
        private final boolean daddr;
        private final long maskHi;
        private final long maskLo;
        private final long limit;
        private final boolean upto;
        private final ConnlimitCounter counter = new ConnlimitCounter();

        Compiled(boolean v6, boolean daddr, long maskHi, long maskLo, long limit, boolean upto) {
            this.v6 = v6;
            this.daddr = daddr;
            this.maskHi = maskHi;
            this.maskLo = maskLo;
            this.limit = limit;
            this.upto = upto;
        }

        @Override
        public boolean matches(PacketContext p) {
            CtView c = CtView.liveOf(p);
            if (c == null) {
                return false;
            }
            int l3 = p.l3Offset();
            long hi;
            long lo;
            if (v6) {
                int at = l3 + (daddr ? 24 : 8);
                long a = p.u32(at);
                long b = p.u32(at + 4);
                long d = p.u32(at + 8);
                long e = p.u32(at + 12);
                if (a < 0 || b < 0 || d < 0 || e < 0) {
                    return false;
                }
                hi = ((a << 32) | b) & maskHi;
                lo = ((d << 32) | e) & maskLo;
            } else {
                long a = p.u32(l3 + (daddr ? 16 : 12));
                if (a < 0) {
                    return false;
                }
                hi = 0;
                lo = a & maskLo;
            }
            int n = counter.count(hi, lo, c.entryId(), c);
            return (n > limit) != upto;
        }
    }

    /** A prefix length, or a contiguous netmask read as its length. */
}
