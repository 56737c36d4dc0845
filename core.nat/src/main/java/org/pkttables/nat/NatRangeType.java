package org.pkttables.nat;

import java.util.List;

import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * The values of the NAT targets' options, read as iptables 1.8.9's libxt_NAT, libxt_MASQUERADE and
 * libxt_REDIRECT read them, with their error messages: {@link #TO} for {@code --to-source} and
 * {@code --to-destination} ({@code [ADDR[-ADDR]][:PORT[-PORT][/BASE]]} for IPv4, {@code ADDR[-ADDR]} or
 * {@code [ADDR[-ADDR]]:PORT[-PORT][/BASE]} for IPv6, told apart by their text), {@link #PORTS} for
 * {@code --to-ports} ({@code PORT[-PORT]}).
 */
final class NatRangeType {
    private NatRangeType() {
    }

    /** {@code ADDR[-ADDR][:PORT[-PORT][/BASE]]} (BASE only after a range, as DNAT's port shift). */
    static final ParamType<NatRange> TO = new ParamType<>("[ipaddr[-ipaddr]][:port[-port[/base]]]", 1) {
        @Override
        public NatRange parse(List<String> words) {
            return parseTo(words.get(0));
        }

        @Override
        public List<String> format(NatRange v) {
            return List.of(v.text());
        }
    };

    /** {@code PORT[-PORT]}. */
    static final ParamType<NatRange> PORTS = new ParamType<>("port[-port]", 1) {
        @Override
        public NatRange parse(List<String> words) {
            return parsePorts(words.get(0), false);
        }

        @Override
        public List<String> format(NatRange v) {
            return List.of(v.portText());
        }
    };

    static NatRange parseTo(String s) {
        if (s.startsWith("[") || s.indexOf(':') != s.lastIndexOf(':')) {
            return parseTo6(s);
        }
        int colon = s.indexOf(':');
        String addr = colon < 0 ? s : s.substring(0, colon);
        boolean mapIps = !addr.isEmpty();
        long min = 0;
        long max = 0;
        if (mapIps) {
            int dash = addr.indexOf('-');
            min = address(dash < 0 ? addr : addr.substring(0, dash));
            max = dash < 0 ? min : address(addr.substring(dash + 1));
        }
        if (colon < 0) {
            return new NatRange(mapIps, min, max, false, 0, 0, 0);
        }
        NatRange p = parsePorts(s.substring(colon + 1), true);
        return new NatRange(mapIps, min, max, true, p.minPort(), p.maxPort(), p.basePort());
    }

    /**
     * ip6tables' {@code ADDR[-ADDR]} or {@code [ADDR[-ADDR]]:PORT[-PORT][/BASE]} (libxt_NAT's parse_to for
     * IPv6: without brackets the whole text is the address range; text after {@code ]} other than a
     * {@code :PORT} part is ignored, as 1.8.9 does).
     */
    static NatRange parseTo6(String s) {
        String addr = s;
        NatRange p = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Invalid address format");
            }
            addr = s.substring(1, close);
            if (close + 1 < s.length() && s.charAt(close + 1) == ':') {
                p = parsePorts(s.substring(close + 2), true);
            }
        }
        int dash = addr.indexOf('-');
        long[] min = address6(dash < 0 ? addr : addr.substring(0, dash));
        long[] max = dash < 0 ? min : address6(addr.substring(dash + 1));
        return p == null ? new NatRange(true, min[1], max[1], false, 0, 0, 0, true, min[0], max[0])
                : new NatRange(true, min[1], max[1], true, p.minPort(), p.maxPort(), p.basePort(), true, min[0],
                        max[0]);
    }

    /** An IPv6 address as {high, low} 64 bits, with ip6tables' message when it is not one. */
    static long[] address6(String a) {
        long[] v = InetText.parseIpv6(a);
        if (v == null) {
            throw new IllegalArgumentException("Bad IP address \"" + a + "\"");
        }
        return v;
    }

    /**
     * ip6tables' error for an IPv4 range in an IPv6 rule, iptables' for an IPv6 range in an IPv4 rule (the
     * first address as listed; the tools quote it as typed).
     */
    static void checkFamily(NatRange r, boolean v6) {
        if (r.mapIps() && r.v6() != v6) {
            String a = r.v6() ? InetText.formatIpv6(r.minHi(), r.minAddr()) : InetText.formatIpv4(r.minAddr());
            throw new IllegalArgumentException("Bad IP address \"" + a + "\"");
        }
    }

    private static long address(String a) {
        long v = InetText.parseIptablesIpv4(a);
        if (v < 0 || a.isEmpty()) {
            throw new IllegalArgumentException("Bad IP address \"" + a + "\"");
        }
        return v;
    }

    /** {@code PORT[-PORT][/BASE]}: a service name only as the whole of a single port ({@code ftp-data}). */
    static NatRange parsePorts(String s, boolean withBase) {
        int i = digits(s, 0);
        int min;
        int max;
        int base = 0;
        if (i == 0) {
            min = service(s);
            return new NatRange(false, 0, 0, true, min, min, 0);
        }
        min = port(s.substring(0, i));
        max = min;
        if (i < s.length() && s.charAt(i) == '-') {
            int j = digits(s, i + 1);
            if (j == i + 1) {
                throw ParameterProblem.of("Port `" + s + "' not valid");
            }
            max = port(s.substring(i + 1, j));
            if (max < min) {
                throw ParameterProblem.of("Port range `" + s.substring(i + 1, j) + "' funky");
            }
            i = j;
            if (withBase && i < s.length() && s.charAt(i) == '/') {
                String b = s.substring(i + 1);
                base = digits(b, 0) == 0 ? service(b) : port(b);
                if (base == 0) {
                    throw ParameterProblem.of("Port `" + b + "' not valid");
                }
                i = s.length();
            }
        }
        if (i < s.length()) {
            if (!withBase && s.charAt(i) != '-') {
                throw ParameterProblem.of("Port `" + s + "' not valid");
            }
            throw ParameterProblem.of("Garbage after port value: `" + s.substring(i) + "'");
        }
        return new NatRange(false, 0, 0, true, min, max, base);
    }

    private static int digits(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int port(String d) {
        if (d.length() > 5 || Integer.parseInt(d) > 65535) {
            throw ParameterProblem.of("Port `" + d + "' not valid");
        }
        return Integer.parseInt(d);
    }

    private static int service(String name) {
        try {
            return ParamTypes.port(name, name);
        } catch (IllegalArgumentException e) {
            throw ParameterProblem.of("Port `" + name + "' not valid", e);
        }
    }

    /** The protocols a port range makes sense for (libxt_NAT's check, ICMP's echo id included). */
    static void checkProtocol(int protocol, boolean inverted) {
        boolean ok = !inverted && (protocol == 6 || protocol == 17 || protocol == 132 || protocol == 33
                || protocol == 1 || protocol == 136);
        if (!ok) {
            throw ParameterProblem.of("Need TCP, UDP, SCTP or DCCP with port specification");
        }
    }
}
