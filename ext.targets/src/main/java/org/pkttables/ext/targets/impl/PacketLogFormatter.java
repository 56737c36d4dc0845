package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;

/**
 * Formats one packet the way the kernel's nf_log_syslog does for the LOG target
 * ({@code PREFIX IN=eth0 OUT= MAC=... SRC=10.0.0.1 DST=... LEN=60 ... PROTO=TCP SPT=... DPT=...}), reading
 * only through the context's bounded accessors. Truncated headers give {@code TRUNCATED} or
 * {@code INCOMPLETE [n bytes]} as in the kernel. The kernel's trailing blank is left off.
 *
 * <p>Not covered (kept simple, LOG is diagnostic): VLAN tags with --log-macdecode, IPv6 extension
 * headers other than fragments, the quoted packet inside ICMPv6 errors, AH/ESP SPIs, UID/GID (there
 * are no local sockets).
 */
final class PacketLogFormatter {
    static final int TCP_SEQ = 0x01;
    static final int TCP_OPT = 0x02;
    static final int IP_OPT = 0x04;
    static final int UID = 0x08;
    static final int MAC_DECODE = 0x20;

    private static final int ETH_P_IP = 0x0800;
    private static final int ETH_P_IPV6 = 0x86dd;
    private static final int ETH_P_ARP = 0x0806;

    private PacketLogFormatter() {
    }

    static String format(PacketContext p, String prefix, int flags) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(prefix).append("IN=").append(nz(p.inIface())).append(" OUT=").append(nz(p.outIface())).append(' ');
        int et = p.etherType();
        if (et == ETH_P_ARP) {
            arp(sb, p, p.l3Offset());
        } else {
            if (p.inIface() != null) {
                mac(sb, p, flags);
            }
            if (et == ETH_P_IP) {
                ipv4(sb, p, p.l3Offset(), flags, false);
            } else if (et == ETH_P_IPV6) {
                ipv6(sb, p, p.l3Offset(), flags);
            }
        }
        if (p.mark() != 0) {
            sb.append("MARK=0x").append(Integer.toHexString(p.mark())).append(' ');
        }
        int n = sb.length();
        return n > 0 && sb.charAt(n - 1) == ' ' ? sb.substring(0, n - 1) : sb.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void mac(StringBuilder sb, PacketContext p, int flags) {
        int l2 = p.l2Offset();
        if ((flags & MAC_DECODE) != 0 && l2 >= 0 && p.has(l2, 14)) {
            sb.append("MACSRC=");
            macAddr(sb, p, l2 + 6);
            sb.append(" MACDST=");
            macAddr(sb, p, l2);
            sb.append(" MACPROTO=").append(String.format("%04x", p.u16(l2 + 12))).append(' ');
            return;
        }
        sb.append("MAC=");
        if (l2 >= 0 && l2 != p.l3Offset()) {
            int end = Math.min(l2 + 14, p.end());
            for (int i = l2; i < end; i++) {
                if (i > l2) {
                    sb.append(':');
                }
                hex2(sb, p.u8(i));
            }
        }
        sb.append(' ');
    }

    private static void macAddr(StringBuilder sb, PacketContext p, int at) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            hex2(sb, p.u8(at + i));
        }
    }

    private static void hex2(StringBuilder sb, int b) {
        sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xf, 16));
    }

    private static void hexUpper(StringBuilder sb, PacketContext p, int from, int len) {
        for (int i = from; i < from + len; i++) {
            sb.append(String.format("%02X", p.u8(i)));
        }
    }

    private static void ipv4Addr(StringBuilder sb, PacketContext p, int at) {
        sb.append(p.u8(at)).append('.').append(p.u8(at + 1)).append('.').append(p.u8(at + 2)).append('.')
                .append(p.u8(at + 3));
    }

    /** dump_ipv4_packet(); {@code inner} is the packet quoted inside an ICMP error (no further nesting). */
    private static void ipv4(StringBuilder sb, PacketContext p, int ih, int flags, boolean inner) {
        if (ih < 0 || !p.has(ih, 20)) {
            sb.append("TRUNCATED");
            return;
        }
        sb.append("SRC=");
        ipv4Addr(sb, p, ih + 12);
        sb.append(" DST=");
        ipv4Addr(sb, p, ih + 16);
        int tos = p.u8(ih + 1);
        sb.append(" LEN=").append(p.u16(ih + 2))
                .append(String.format(" TOS=0x%02X PREC=0x%02X", tos & 0x1e, tos & 0xe0))
                .append(" TTL=").append(p.u8(ih + 8)).append(" ID=").append(p.u16(ih + 4)).append(' ');
        int frag = p.u16(ih + 6);
        if ((frag & 0x8000) != 0) {
            sb.append("CE ");
        }
        if ((frag & 0x4000) != 0) {
            sb.append("DF ");
        }
        if ((frag & 0x2000) != 0) {
            sb.append("MF ");
        }
        int offset = frag & 0x1fff;
        if (offset != 0) {
            sb.append("FRAG:").append(offset).append(' ');
        }
        int hl = (p.u8(ih) & 0x0f) * 4;
        if ((flags & IP_OPT) != 0 && hl > 20) {
            if (!p.has(ih + 20, hl - 20)) {
                sb.append("TRUNCATED");
                return;
            }
            sb.append("OPT (");
            hexUpper(sb, p, ih + 20, hl - 20);
            sb.append(") ");
        }
        int l4 = ih + hl;
        boolean fragment = offset != 0;
        int proto = p.u8(ih + 9);
        if (proto == 1) {
            icmp(sb, p, l4, fragment, flags, inner);
        } else {
            transport(sb, p, l4, proto, fragment, flags);
        }
    }

    /** The transport part both families log alike: TCP, UDP and UDP-Lite, else only the protocol number. */
    private static void transport(StringBuilder sb, PacketContext p, int l4, int proto, boolean fragment, int flags) {
        switch (proto) {
            case 6:
                tcp(sb, p, l4, fragment, flags);
                break;
            case 17:
            case 136:
                udp(sb, p, l4, fragment, proto == 17 ? "UDP" : "UDPLITE");
                break;
            default:
                sb.append("PROTO=").append(proto).append(' ');
        }
    }

    /**
     * {@code PROTO=name }, and whether the first {@code need} bytes of the header at {@code at} can be
     * logged: not in a later fragment, and not cut short (which is logged as INCOMPLETE).
     */
    private static boolean proto(StringBuilder sb, PacketContext p, int at, int need, boolean fragment, String name) {
        sb.append("PROTO=").append(name).append(' ');
        if (fragment) {
            return false;
        }
        if (!p.has(at, need)) {
            incomplete(sb, p, at);
            return false;
        }
        return true;
    }

    private static void tcp(StringBuilder sb, PacketContext p, int th, boolean fragment, int flags) {
        if (!proto(sb, p, th, 20, fragment, "TCP")) {
            return;
        }
        sb.append("SPT=").append(p.u16(th)).append(" DPT=").append(p.u16(th + 2)).append(' ');
        if ((flags & TCP_SEQ) != 0) {
            sb.append("SEQ=").append(p.u32(th + 4)).append(" ACK=").append(p.u32(th + 8)).append(' ');
        }
        sb.append("WINDOW=").append(p.u16(th + 14)).append(' ');
        sb.append(String.format("RES=0x%02x ", (p.u8(th + 12) & 0x0f) << 2));
        int f = p.u8(th + 13);
        String[] names = {"CWR ", "ECE ", "URG ", "ACK ", "PSH ", "RST ", "SYN ", "FIN "};
        for (int bit = 7, i = 0; bit >= 0; bit--, i++) {
            if ((f & (1 << bit)) != 0) {
                sb.append(names[i]);
            }
        }
        sb.append("URGP=").append(p.u16(th + 18)).append(' ');
        int doff = (p.u8(th + 12) >>> 4) * 4;
        if ((flags & TCP_OPT) != 0 && doff > 20) {
            if (!p.has(th + 20, doff - 20)) {
                sb.append("OPT (TRUNCATED)");
                return;
            }
            sb.append("OPT (");
            hexUpper(sb, p, th + 20, doff - 20);
            sb.append(") ");
        }
    }

    private static void udp(StringBuilder sb, PacketContext p, int uh, boolean fragment, String name) {
        if (!proto(sb, p, uh, 8, fragment, name)) {
            return;
        }
        sb.append("SPT=").append(p.u16(uh)).append(" DPT=").append(p.u16(uh + 2)).append(" LEN=")
                .append(p.u16(uh + 4)).append(' ');
    }

    /**
     * {@code PROTO=name TYPE=t CODE=c } of an ICMP or ICMPv6 header, as both families log it; the type, or
     * -1 when nothing more is logged (a later fragment, or a header cut short).
     */
    private static int icmpTypeCode(StringBuilder sb, PacketContext p, int ic, boolean fragment, String name) {
        if (!proto(sb, p, ic, 8, fragment, name)) {
            return -1;
        }
        int type = p.u8(ic);
        sb.append("TYPE=").append(type).append(" CODE=").append(p.u8(ic + 1)).append(' ');
        return type;
    }

    private static void icmp(StringBuilder sb, PacketContext p, int ic, boolean fragment, int flags, boolean inner) {
        int type = icmpTypeCode(sb, p, ic, fragment, "ICMP");
        if (type < 0) {
            return;
        }
        int code = p.u8(ic + 1);
        switch (type) {
            case 0:
            case 8:
                sb.append("ID=").append(p.u16(ic + 4)).append(" SEQ=").append(p.u16(ic + 6)).append(' ');
                break;
            case 12:
                sb.append("PARAMETER=").append(p.u8(ic + 4)).append(' ');
                break;
            case 5:
                sb.append("GATEWAY=");
                ipv4Addr(sb, p, ic + 4);
                sb.append(' ');
                // the kernel goes on to quote the offending packet, as for the errors below
                quoted(sb, p, ic, flags, inner);
                break;
            case 3:
            case 4:
            case 11:
                quoted(sb, p, ic, flags, inner);
                if (type == 3 && code == 4) {
                    sb.append("MTU=").append(p.u16(ic + 6)).append(' ');
                }
                break;
            default:
                break;
        }
    }

    /** The packet an ICMP error quotes, in brackets; only one level deep, like the kernel. */
    private static void quoted(StringBuilder sb, PacketContext p, int ic, int flags, boolean inner) {
        if (inner) {
            return;
        }
        sb.append('[');
        ipv4(sb, p, ic + 8, flags, true);
        sb.append("] ");
    }

    private static void incomplete(StringBuilder sb, PacketContext p, int at) {
        sb.append("INCOMPLETE [").append(Math.max(0, p.end() - at)).append(" bytes] ");
    }

    /** dump_ipv6_packet(), with the upper protocol the L3 handler found after the extension headers. */
    private static void ipv6(StringBuilder sb, PacketContext p, int ih, int flags) {
        if (ih < 0 || !p.has(ih, 40)) {
            sb.append("TRUNCATED");
            return;
        }
        sb.append("SRC=");
        ipv6Addr(sb, p, ih + 8);
        sb.append(" DST=");
        ipv6Addr(sb, p, ih + 24);
        long first = p.u32(ih);
        sb.append(" LEN=").append(p.u16(ih + 4) + 40).append(" TC=").append((first & 0x0ff00000L) >>> 20)
                .append(" HOPLIMIT=").append(p.u8(ih + 7)).append(" FLOWLBL=").append(first & 0x000fffffL).append(' ');
        boolean fragment = p.fragOffset() != 0;
        if (p.isFragment()) {
            sb.append("FRAG:").append(p.fragOffset()).append(' ');
        }
        int l4 = p.l4Offset();
        int proto = p.l4Proto();
        if (l4 < 0) {
            return;
        }
        if (proto == 58) {
            icmp6(sb, p, l4, fragment);
        } else {
            transport(sb, p, l4, proto, fragment, flags);
        }
    }

    private static void icmp6(StringBuilder sb, PacketContext p, int ic, boolean fragment) {
        int type = icmpTypeCode(sb, p, ic, fragment, "ICMPv6");
        if (type < 0) {
            return;
        }
        switch (type) {
            case 128:
            case 129:
                sb.append("ID=").append(p.u16(ic + 4)).append(" SEQ=").append(p.u16(ic + 6)).append(' ');
                break;
            case 2:
                sb.append("MTU=").append(p.u32(ic + 4)).append(' ');
                break;
            case 4:
                sb.append(String.format("POINTER=%08x ", p.u32(ic + 4)));
                break;
            default:
                break;
        }
    }

    /** %pI6: eight groups of four hex digits, not compressed. */
    private static void ipv6Addr(StringBuilder sb, PacketContext p, int at) {
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(String.format("%04x", p.u16(at + 2 * i)));
        }
    }

    /** dump_arp_packet(). */
    private static void arp(StringBuilder sb, PacketContext p, int ah) {
        if (ah < 0 || !p.has(ah, 8)) {
            sb.append("TRUNCATED");
            return;
        }
        int hlen = p.u8(ah + 4);
        int plen = p.u8(ah + 5);
        sb.append("ARP HTYPE=").append(p.u16(ah)).append(String.format(" PTYPE=0x%04x", p.u16(ah + 2)))
                .append(" OPCODE=").append(p.u16(ah + 6));
        // Addresses only for Ethernet/IPv4, the one layout the kernel decodes.
        if (p.u16(ah) == 1 && p.u16(ah + 2) == ETH_P_IP && hlen == 6 && plen == 4 && p.has(ah + 8, 20)) {
            sb.append(" MACSRC=");
            macAddr(sb, p, ah + 8);
            sb.append(" IPSRC=");
            ipv4Addr(sb, p, ah + 14);
            sb.append(" MACDST=");
            macAddr(sb, p, ah + 18);
            sb.append(" IPDST=");
            ipv4Addr(sb, p, ah + 24);
        }
        sb.append(' ');
    }
}
