package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * A compiled icmp or icmp6 match, as the kernel's icmp_match/icmp6_match (xt matches under iptables-nft
 * too): type and code range; later fragments never match; a header shorter than 8 bytes is hotdropped,
 * even for "any". For ICMP (not ICMPv6) type 255 means any type.
 */
final class IcmpMatch implements HotdroppingMatch {
    static final int ANY_TYPE = 0xff;
    private static final int HEADER = 8;

    private final int proto;
    private final boolean anyType;
    private final int type;
    private final int codeMin;
    private final int codeMax;
    private final boolean inv;

    /**
     * @param proto      L4 protocol number the packet must have (1 or 58)
     * @param anyTypeOk  whether type 255 stands for every type (ICMP only)
     */
    IcmpMatch(int proto, boolean anyTypeOk, IcmpTypeSpec spec, boolean inv) {
        this.proto = proto;
        this.anyType = anyTypeOk && spec.type() == ANY_TYPE;
        this.type = spec.type();
        this.codeMin = spec.codeMin();
        this.codeMax = spec.codeMax();
        this.inv = inv;
    }

    @Override
    public boolean matches(PacketContext p) {
        int ih = XtTransport.header(p, proto, HEADER);
        if (ih < 0) {
            return false;
        }
        int t = p.u8(ih);
        int c = p.u8(ih + 1);
        return (anyType || (t == type && c >= codeMin && c <= codeMax)) != inv;
    }
}
