package org.pkttables.l3.arp.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;
import org.pkttables.l3.common.IfaceMatch;
import org.pkttables.l3.common.Ipv4Prefix;

/**
 * The compiled base options of one arptables rule, the kernel's arp_packet_match. Addresses are
 * read where the header's own lengths put them; an IP option never matches a packet whose protocol
 * address is not 4 bytes long, a MAC option one whose hardware address is not 6. Immutable.
 */
final class ArpBaseMatch implements Match {
    private final IfaceMatch in;
    private final boolean invIn;
    private final IfaceMatch out;
    private final boolean invOut;
    private final Ipv4Prefix src;
    private final boolean invSrc;
    private final MacMask srcMac;
    private final boolean invSrcMac;
    private final Ipv4Prefix dst;
    private final boolean invDst;
    private final MacMask dstMac;
    private final boolean invDstMac;
    private final CodeMask hlen;
    private final boolean invHlen;
    private final CodeMask op;
    private final boolean invOp;
    private final CodeMask htype;
    private final boolean invHtype;
    private final CodeMask ptype;
    private final boolean invPtype;

    ArpBaseMatch(Args a) {
        in = a.has(ArpHandler.IN_IFACE) ? IfaceMatch.of(a.get(ArpHandler.IN_IFACE)) : null;
        invIn = a.inverted(ArpHandler.IN_IFACE);
        out = a.has(ArpHandler.OUT_IFACE) ? IfaceMatch.of(a.get(ArpHandler.OUT_IFACE)) : null;
        invOut = a.inverted(ArpHandler.OUT_IFACE);
        src = a.get(ArpHandler.SOURCE);
        invSrc = a.inverted(ArpHandler.SOURCE);
        srcMac = a.get(ArpHandler.SOURCE_MAC);
        invSrcMac = a.inverted(ArpHandler.SOURCE_MAC);
        dst = a.get(ArpHandler.DESTINATION);
        invDst = a.inverted(ArpHandler.DESTINATION);
        dstMac = a.get(ArpHandler.DESTINATION_MAC);
        invDstMac = a.inverted(ArpHandler.DESTINATION_MAC);
        hlen = a.get(ArpHandler.H_LENGTH);
        invHlen = a.inverted(ArpHandler.H_LENGTH);
        op = a.get(ArpHandler.OPCODE);
        invOp = a.inverted(ArpHandler.OPCODE);
        htype = a.get(ArpHandler.H_TYPE);
        invHtype = a.inverted(ArpHandler.H_TYPE);
        ptype = a.get(ArpHandler.PROTO_TYPE);
        invPtype = a.inverted(ArpHandler.PROTO_TYPE);
    }

    @Override
    public boolean matches(PacketContext p) {
        if (in != null && in.matches(p.inIface()) == invIn) {
            return false;
        }
        if (out != null && out.matches(p.outIface()) == invOut) {
            return false;
        }
        if (src == null && dst == null && srcMac == null && dstMac == null && hlen == null && op == null
                && htype == null && ptype == null) {
            return true;
        }
        int l3 = p.l3Offset();
        if (l3 < 0 || !p.has(l3, 8)) {
            return false;
        }
        if (!field(htype, invHtype, p.u16(l3)) || !field(ptype, invPtype, p.u16(l3 + 2))
                || !field(op, invOp, p.u16(l3 + 6))) {
            return false;
        }
        int hl = p.u8(l3 + 4);
        int pl = p.u8(l3 + 5);
        if (!field(hlen, invHlen, hl)) {
            return false;
        }
        int sha = l3 + 8;
        int spa = sha + hl;
        int tha = spa + pl;
        int tpa = tha + hl;
        if (srcMac != null || dstMac != null) {
            if (hl != 6) {
                return false;
            }
            if (srcMac != null && !mac(srcMac, invSrcMac, p.u48(sha))) {
                return false;
            }
            if (dstMac != null && !mac(dstMac, invDstMac, p.u48(tha))) {
                return false;
            }
        }
        if (src != null || dst != null) {
            if (pl != 4) {
                return false;
            }
            if (src != null && !ip(src, invSrc, p.u32(spa))) {
                return false;
            }
            if (dst != null && !ip(dst, invDst, p.u32(tpa))) {
                return false;
            }
        }
        return true;
    }

    private static boolean field(CodeMask c, boolean inv, int v) {
        return c == null || (v >= 0 && c.matches(v) != inv);
    }

    private static boolean mac(MacMask m, boolean inv, long v) {
        return v >= 0 && m.contains(v) != inv;
    }

    private static boolean ip(Ipv4Prefix a, boolean inv, long v) {
        return v >= 0 && a.contains((int) v) != inv;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("arp base");
        append(sb, "-i", in, invIn);
        append(sb, "-o", out, invOut);
        append(sb, "-s", src, invSrc);
        append(sb, "--src-mac", srcMac, invSrcMac);
        append(sb, "-d", dst, invDst);
        append(sb, "--dst-mac", dstMac, invDstMac);
        append(sb, "--h-length", hlen, invHlen);
        append(sb, "--opcode", op, invOp);
        append(sb, "--h-type", htype, invHtype);
        append(sb, "--proto-type", ptype, invPtype);
        return sb.toString();
    }

    private static void append(StringBuilder sb, String opt, Object v, boolean inv) {
        if (v != null) {
            sb.append(inv ? " ! " : " ").append(opt).append(' ').append(v);
        }
    }
}
