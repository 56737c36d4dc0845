package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled rt match, as the kernel's rt_mt6: type, segments left and length of the routing header;
 * for type 0, the reserved word and the address list, strict (exactly these addresses, in order) or
 * not (these addresses in this order, others in between allowed).
 */
final class RtMatch implements HotdroppingMatch {
    private final boolean hasType;
    private final long type;
    private final boolean typeInv;
    private final long segLo;
    private final long segHi;
    private final boolean segInv;
    private final boolean hasLen;
    private final long len;
    private final boolean lenInv;
    private final boolean res;
    private final long[] addrHi;
    private final long[] addrLo;
    private final boolean notStrict;

    RtMatch(boolean hasType, long type, boolean typeInv, NumRange seg, boolean segInv, boolean hasLen, long len,
            boolean lenInv, boolean res, Ipv6AddressList addrs, boolean notStrict) {
        this.hasType = hasType;
        this.type = type;
        this.typeInv = typeInv;
        this.segLo = seg.lo();
        this.segHi = seg.hi();
        this.segInv = segInv;
        this.hasLen = hasLen;
        this.len = len;
        this.lenInv = lenInv;
        this.res = res;
        int n = addrs == null ? 0 : addrs.size();
        addrHi = new long[n];
        addrLo = new long[n];
        for (int i = 0; i < n; i++) {
            addrHi[i] = addrs.high(i);
            addrLo[i] = addrs.low(i);
        }
        this.notStrict = notStrict;
    }

    @Override
    public boolean matches(PacketContext p) {
        int ptr = Ipv6Headers.find(p, Ipv6Headers.ROUTING);
        if (ptr == Ipv6Headers.NOT_FOUND) {
            return false;
        }
        if (ptr < 0 || !p.has(ptr, 4)) {
            p.hotdrop(); // rt_mt6: the chain or the header cannot be read
            return false;
        }
        int hdrlen = (p.u8(ptr + 1) + 1) * 8;
        if (!p.has(ptr, hdrlen)) {
            return false;
        }
        int segs = p.u8(ptr + 3);
        if ((segs >= segLo && segs <= segHi) == segInv) {
            return false;
        }
        if (hasLen && (len == hdrlen) == lenInv) {
            return false;
        }
        if (hasType && (type == p.u8(ptr + 2)) == typeInv) {
            return false;
        }
        if (res && p.u32(ptr + 4) != 0) {
            return false;
        }
        if (addrHi.length == 0) {
            return true;
        }
        int inHeader = (hdrlen - 8) / 16;
        if (notStrict) {
            int i = 0;
            for (int k = 0; k < inHeader && i < addrHi.length; k++) {
                if (addressAt(p, ptr + 8 + 16 * k, i)) {
                    i++;
                }
            }
            return i == addrHi.length;
        }
        if (addrHi.length != inHeader) {
            return false;
        }
        for (int k = 0; k < inHeader; k++) {
            if (!addressAt(p, ptr + 8 + 16 * k, k)) {
                return false;
            }
        }
        return true;
    }

    private boolean addressAt(PacketContext p, int at, int i) {
        return (p.u32(at) << 32 | p.u32(at + 4)) == addrHi[i] && (p.u32(at + 8) << 32 | p.u32(at + 12)) == addrLo[i];
    }
}
