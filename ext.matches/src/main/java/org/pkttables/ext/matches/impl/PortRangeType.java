package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ListContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.ParameterProblem;

/**
 * {@code port}, {@code lo:hi}, {@code lo:} or {@code :hi}, each port a number or a service name; listed
 * as {@code 22} or {@code 1024:65535}. The tcp match reads numbers like strtoul with base 0 ({@code 0x16}
 * and {@code 026} are 22), the udp match in decimal only ({@code 022} is 22): both as iptables 1.8.9 does.
 * The udp match also takes a reversed range ({@code 4:3}, matching no port) and lists it as given, where tcp
 * refuses it: iptables 1.8.9 does so too.
 */
final class PortRangeType extends NumRangeType {
    static final PortRangeType TCP = new PortRangeType(true, "tcp");
    static final PortRangeType UDP = new PortRangeType(false, "udp");
    static final NumRange ALL = new NumRange(0, 65535);

    /**
     * Drops a port option that covers every port, inverted or not: iptables-nft translates either to nothing
     * ({@code --sport :} and {@code ! --sport :} both list as no option, and the kernel then matches every port).
     */
    static void dropIfAll(Args args, Args.Builder b, Param<NumRange> p) {
        if (args.has(p) && args.get(p).equals(ALL)) {
            b.remove(p);
        }
    }

    /**
     * Whether the whole tcp/udp match vanishes from the listing: every option given is a full port range and
     * one of them is inverted ({@code -p tcp -m tcp ! --sport :} lists as {@code -p tcp}). Without an inversion
     * iptables-nft keeps an empty {@code -m tcp}.
     */
    static boolean vanishes(Args given, Param<NumRange> sport, Param<NumRange> dport) {
        boolean inverted = false;
        for (Param<?> p : given.params()) {
            if ((p != sport && p != dport) || !given.get(sport == p ? sport : dport).equals(ALL)) {
                return false;
            }
            inverted |= given.inverted(p);
        }
        return inverted;
    }

    private final boolean base0;
    /** The protocol whose service names {@code iptables -L} prints for the ports. */
    private final String protocol;

    private PortRangeType(boolean base0, String protocol) {
        super("port[:port]", 65535);
        this.base0 = base0;
        this.protocol = protocol;
    }

    /** {@code ssh} or {@code 1024:65535} as {@code -L} prints it: each port by service name unless {@code -n}. */
    @Override
    public List<String> listed(NumRange r, ListContext ctx) {
        String lo = ctx.port((int) r.lo(), protocol);
        return List.of(r.lo() == r.hi() ? lo : lo + ":" + ctx.port((int) r.hi(), protocol));
    }

    @Override
    NumRange range(long lo, long hi, String whole) {
        if (lo > hi && base0) {
            throw new ParameterProblem("invalid port range \"" + whole + "\" (min " + lo + " > max " + hi + ")",
                    "invalid portrange (min > max)");
        }
        return new NumRange(lo, hi);
    }

    @Override
    long number(String s, String whole) {
        long v = base0 ? CNumbers.parse(s, 65535) : CNumbers.parseDecimal(s, 65535);
        if (v >= 0) {
            return v;
        }
        // libxt_tcp's xtables_parse_port, libxt_udp's XTTYPE_PORTRC: each its own words for a bad port
        String words = base0 ? "invalid port/service `" + s + "' specified"
                : "Port \"" + s + "\" does not resolve to anything.\n";
        if (!s.isEmpty() && Character.isLetter(s.charAt(0))) {
            try {
                return ParamTypes.port(s, whole);
            } catch (IllegalArgumentException e) {
                throw (ParameterProblem) new ParameterProblem(e.getMessage(), words).initCause(e);
            }
        }
        throw new ParameterProblem("invalid port/service \"" + s + "\" in \"" + whole + "\"", words);
    }
}
