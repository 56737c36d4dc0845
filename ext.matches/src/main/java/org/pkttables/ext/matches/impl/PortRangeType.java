package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.CNumbers;
import java.util.List;

import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * {@code port}, {@code lo:hi}, {@code lo:} or {@code :hi}, each port a number or a service name; listed
 * as {@code 22} or {@code 1024:65535}. The tcp match reads numbers like strtoul with base 0 ({@code 0x16}
 * and {@code 026} are 22), the udp match in decimal only ({@code 022} is 22): both as iptables 1.8.9 does.
 * The udp match also takes a reversed range ({@code 4:3}, matching no port) and lists it as given, where tcp
 * refuses it: iptables 1.8.9 does so too.
 */
final class PortRangeType extends ParamType<NumRange> {
    static final PortRangeType TCP = new PortRangeType(true);
    static final PortRangeType UDP = new PortRangeType(false);
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

    private PortRangeType(boolean base0) {
        super("port[:port]", 1);
        this.base0 = base0;
    }

    @Override
    public NumRange parse(List<String> words) {
        String w = words.get(0);
        int colon = w.indexOf(':');
        if (colon < 0) {
            int p = port(w, w);
            return new NumRange(p, p);
        }
        String lo = w.substring(0, colon);
        String hi = w.substring(colon + 1);
        int l = lo.isEmpty() ? 0 : port(lo, w);
        int h = hi.isEmpty() ? 65535 : port(hi, w);
        if (l > h && base0) {
            throw new IllegalArgumentException("invalid port range \"" + w + "\" (min " + l + " > max " + h + ")");
        }
        return new NumRange(l, h);
    }

    private int port(String s, String whole) {
        long v = base0 ? CNumbers.parse(s, 65535) : CNumbers.parseDecimal(s, 65535);
        if (v >= 0) {
            return (int) v;
        }
        if (!s.isEmpty() && Character.isLetter(s.charAt(0))) {
            return ParamTypes.port(s, whole);
        }
        throw new IllegalArgumentException("invalid port/service \"" + s + "\" in \"" + whole + "\"");
    }

    @Override
    public List<String> format(NumRange r) {
        return List.of(r.lo() == r.hi() ? Long.toString(r.lo()) : r.lo() + ":" + r.hi());
    }
}
