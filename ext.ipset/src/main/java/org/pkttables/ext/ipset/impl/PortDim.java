package org.pkttables.ext.ipset.impl;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.ext.ipset.api.SetException;
import org.pkttables.l3.common.Protocols;

/**
 * A protocol and port, {@code [proto:]port[-port]} ({@code tcp} when no protocol is given): TCP, UDP,
 * SCTP and UDPLite ports, ICMP/ICMPv6 {@code type/code} or name, port 0 for other protocols. Stored as
 * one 24-bit field {@code proto << 16 | port}; a port range is stored port by port.
 */
final class PortDim extends Dim {
    static final int TCP = 6;
    static final int UDP = 17;
    static final int SCTP = 132;
    static final int UDPLITE = 136;
    static final int ICMP = 1;
    static final int ICMPV6 = 58;

    private final boolean v6;

    PortDim(Family family) {
        this.v6 = family == Family.IPV6;
    }

    @Override
    int[] fieldBits() {
        return new int[] {24};
    }

    static boolean hasPorts(int proto) {
        return proto == TCP || proto == UDP || proto == SCTP || proto == UDPLITE;
    }

    @Override
    Values parse(String text) {
        int colon = text.indexOf(':');
        int proto = TCP;
        String port = text;
        if (colon >= 0) {
            String name = text.substring(0, colon);
            proto = name.equalsIgnoreCase("icmpv6") ? ICMPV6 : Protocols.number(name);
            if (proto < 0) {
                throw new SetException("Syntax error: cannot parse " + name + " as a protocol");
            }
            port = text.substring(colon + 1);
        }
        if (proto == ICMP || proto == ICMPV6) {
            if (proto == ICMP && v6 || proto == ICMPV6 && !v6) {
                throw new SetException("Syntax error: protocol " + Protocols.name(proto)
                        + " can be used with family " + (v6 ? "inet" : "inet6") + " only");
            }
            return Values.one(((long) proto << 16) | icmp(port, proto == ICMPV6));
        }
        int dash = port.indexOf('-');
        int lo = port(dash < 0 ? port : port.substring(0, dash), proto);
        int hi = dash < 0 ? lo : port(port.substring(dash + 1), proto);
        if (!hasPorts(proto) && (lo != 0 || hi != 0)) {
            throw new SetException("Syntax error: Protocol " + Protocols.name(proto)
                    + " can be used with pseudo port value 0 only.");
        }
        // The protocol in the high bits, the port (first + index < 65536) in the low 16.
        return Values.stepping(((long) proto << 16) | Math.min(lo, hi), 1, Math.abs(hi - lo) + 1);
    }

    /** A port number or service name; the error lists ipset's attempts the way ipset does. */
    private static int port(String s, int proto) {
        String why;
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            long v = s.length() > 6 ? Long.MAX_VALUE : Long.parseLong(s);
            if (v <= 65535) {
                return (int) v;
            }
            why = "Syntax error: '" + s + "' is out of range 0-65535";
        } else {
            try {
                return ParamTypes.port(s, s);
            } catch (IllegalArgumentException e) {
                why = "Syntax error: '" + s + "' is invalid as number";
            }
        }
        String name = Protocols.name(proto);
        throw new SetException(why + "\nSyntax error: '" + name + "' is invalid as number\ncannot parse '" + s
                + "' as a " + name + " port");
    }

    private static int icmp(String s, boolean v6) {
        int named = IcmpNames.value(v6, s);
        if (named >= 0) {
            return named;
        }
        int slash = s.indexOf('/');
        try {
            if (slash > 0) {
                int type = Integer.parseInt(s.substring(0, slash));
                int code = Integer.parseInt(s.substring(slash + 1));
                if (type >= 0 && type <= 255 && code >= 0 && code <= 255) {
                    return (type << 8) | code;
                }
            }
        } catch (NumberFormatException e) {
            // reported below, with ipset's wording
        }
        throw new SetException("Cannot parse " + s + " as an " + (v6 ? "ICMPv6" : "ICMP") + " type/code.");
    }

    @Override
    void format(long[] f, int off, StringBuilder out) {
        int proto = (int) (f[off] >>> 16);
        int port = (int) (f[off] & 0xffff);
        out.append(Protocols.name(proto)).append(':');
        if (proto == ICMP || proto == ICMPV6) {
            out.append(IcmpNames.name(proto == ICMPV6, port));
        } else {
            out.append(port);
        }
    }

    @Override
    boolean extract(PacketContext p, boolean src, long[] f, int off) {
        int proto = p.l4Proto();
        int l4 = p.l4Offset();
        if (proto < 0 || p.fragOffset() != 0) {
            return false;
        }
        int port = 0;
        if (hasPorts(proto)) {
            port = l4 < 0 ? -1 : p.u16(l4 + (src ? 0 : 2));
        } else if (proto == ICMP && !v6 || proto == ICMPV6 && v6) {
            port = l4 < 0 ? -1 : p.u16(l4);
        }
        if (port < 0) {
            return false;
        }
        f[off] = ((long) proto << 16) | port;
        return true;
    }

    /** A plain port number or service name (bitmap:port). */
    static int portNumber(String s) {
        return port(s, TCP);
    }
}
