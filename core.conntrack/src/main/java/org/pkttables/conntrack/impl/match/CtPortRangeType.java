package org.pkttables.conntrack.impl.match;

import java.util.List;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.PortRange;

/**
 * {@code port[:port]} of the conntrack match: read as every port range is ({@link ParamTypes#portRange()}, its
 * words for a bad port too), except that {@code min > max} is taken, as iptables 1.8.9 takes it.
 */
final class CtPortRangeType extends ParamType<CtPortRange> {
    static final CtPortRangeType INSTANCE = new CtPortRangeType();
    private static final ParamType<PortRange> PORTS = ParamTypes.portRange();

    private CtPortRangeType() {
        super("port[:port]", 1);
    }

    @Override
    public CtPortRange parse(List<String> words) {
        String w = words.get(0);
        int colon = w.indexOf(':');
        if (colon > 0 && colon < w.length() - 1 && w.indexOf(':', colon + 1) < 0) {
            PortRange lo = side(w.substring(0, colon));
            PortRange hi = side(w.substring(colon + 1));
            if (lo != null && hi != null && lo.lo() > hi.lo()) {
                return new CtPortRange(lo.lo(), hi.lo());
            }
        }
        PortRange r = PORTS.parse(words); // (a bad port: refused here, in the words of every port range)
        return new CtPortRange(r.lo(), r.hi());
    }

    /** One side's port, or null when it is not one (the whole word is then refused as every port range is). */
    private static PortRange side(String s) {
        try {
            return PORTS.parse(List.of(s));
        } catch (IllegalArgumentException e) {
            return null; // refused below, naming the whole word
        }
    }

    @Override
    public List<String> format(CtPortRange r) {
        return List.of(r.lo() == r.hi() ? Integer.toString(r.lo()) : r.lo() + ":" + r.hi());
    }
}
