package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.CNumbers;
import java.util.List;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.PortRange;

/**
 * {@code port}, {@code lo:hi}, {@code lo:} or {@code :hi}, each port a number or a service name; listed
 * as {@code 22} or {@code 1024:65535}. The tcp match reads numbers like strtoul with base 0 ({@code 0x16}
 * and {@code 026} are 22), the udp match in decimal only ({@code 022} is 22): both as iptables 1.8.9 does.
 */
final class PortRangeType extends ParamType<PortRange> {
    static final PortRangeType TCP = new PortRangeType(true);
    static final PortRangeType UDP = new PortRangeType(false);
    static final PortRange ALL = new PortRange(0, 65535);

    private final boolean base0;

    private PortRangeType(boolean base0) {
        super("port[:port]", 1);
        this.base0 = base0;
    }

    @Override
    public PortRange parse(List<String> words) {
        String w = words.get(0);
        int colon = w.indexOf(':');
        if (colon < 0) {
            int p = port(w, w);
            return new PortRange(p, p);
        }
        String lo = w.substring(0, colon);
        String hi = w.substring(colon + 1);
        int l = lo.isEmpty() ? 0 : port(lo, w);
        int h = hi.isEmpty() ? 65535 : port(hi, w);
        if (l > h) {
            throw new IllegalArgumentException("invalid port range \"" + w + "\" (min " + l + " > max " + h + ")");
        }
        return new PortRange(l, h);
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
    public List<String> format(PortRange r) {
        return List.of(r.lo() == r.hi() ? Integer.toString(r.lo()) : r.lo() + ":" + r.hi());
    }
}
