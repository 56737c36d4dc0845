package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ListContext;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * {@code port[,port|,lo:hi]...} as libxt_multiport (revision 1) reads it: numbers as strtoul with base
 * 0 ({@code 022} is 18) or service names, a range needs both ends with lo &lt; hi, and the list holds
 * at most 15 slots, a range taking two.
 */
final class PortListType extends ParamType<PortList> {
    static final int MAX_SLOTS = 15;
    static final PortListType INSTANCE = new PortListType();

    private PortListType() {
        super("port[,port|,port:port]...", 1);
    }

    @Override
    public PortList parse(List<String> words) {
        String w = words.get(0);
        String[] items = w.split(",", -1);
        int[] lo = new int[items.length];
        int[] hi = new int[items.length];
        int slots = 0;
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            int colon = item.indexOf(':');
            if (colon < 0) {
                lo[i] = hi[i] = port(item, w);
                slots++;
            } else {
                lo[i] = port(item.substring(0, colon), w);
                hi[i] = port(item.substring(colon + 1), w);
                if (lo[i] >= hi[i]) {
                    throw new ParameterProblem("invalid port range \"" + item + "\" in \"" + w
                            + "\" (the first port must be lower)", "invalid portrange specified");
                }
                slots += 2;
            }
            if (slots > MAX_SLOTS) {
                throw new ParameterProblem("too many ports in \"" + w + "\" (at most " + MAX_SLOTS
                        + ", a range counts twice)", "too many ports specified");
            }
        }
        return new PortList(lo, hi);
    }

    private static int port(String s, String whole) {
        if (s.isEmpty()) {
            throw new ParameterProblem("missing port in \"" + whole + "\"", "invalid port/service `' specified");
        }
        long v = CNumbers.parse(s, 65535);
        if (v >= 0) {
            return (int) v;
        }
        if (Character.isLetter(s.charAt(0))) {
            return ParamTypes.port(s, whole);
        }
        throw new IllegalArgumentException("invalid port \"" + s + "\" in \"" + whole + "\"");
    }

    @Override
    public List<String> format(PortList v) {
        return List.of(v.toString());
    }

    /**
     * As {@link #format}, each port by its service name for the rule's protocol unless {@code -n}
     * (libxt_multiport's print_port).
     */
    @Override
    public List<String> listed(PortList v, ListContext ctx) {
        String proto = switch (ctx.ruleProtocol()) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 136 -> "udplite";
            case 132 -> "sctp";
            case 33 -> "dccp";
            default -> null;
        };
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(proto == null ? Integer.toString(v.lo(i)) : ctx.port(v.lo(i), proto));
            if (v.hi(i) != v.lo(i)) {
                sb.append(':').append(proto == null ? Integer.toString(v.hi(i)) : ctx.port(v.hi(i), proto));
            }
        }
        return List.of(sb.toString());
    }
}
