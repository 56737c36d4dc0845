package org.pkttables.l3.ipv6.impl;


import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * An IPv6 {@code address[/mask]} as two longs each, the address stored masked
 * ({@code 2001:db8::1/32} lists as {@code 2001:db8::/32}), printed as ip6tables does (glibc inet_ntop).
 */
public record Ipv6Prefix(long hi, long lo, long maskHi, long maskLo) {
    public Ipv6Prefix {
        hi &= maskHi;
        lo &= maskLo;
    }

    public boolean matchesAll() {
        return maskHi == 0 && maskLo == 0;
    }

    public boolean contains(long aHi, long aLo) {
        return (aHi & maskHi) == hi && (aLo & maskLo) == lo;
    }

    /** Parses {@code addr[/len|/mask-address]}; literal addresses only, no name lookups. */
    public static Ipv6Prefix parse(String s) {
        if (s.indexOf(',') >= 0) {
            throw new IllegalArgumentException("address list \"" + s + "\" is not supported: write one rule per address");
        }
        int slash = s.indexOf('/');
        long[] a = InetText.parseIpv6(slash < 0 ? s : s.substring(0, slash));
        if (a == null) {
            throw new IllegalArgumentException("host/network `" + (slash < 0 ? s : s.substring(0, slash)) + "' not found");
        }
        if (slash < 0) {
            return new Ipv6Prefix(a[0], a[1], -1L, -1L);
        }
        String m = s.substring(slash + 1);
        if (m.indexOf(':') >= 0) {
            long[] mask = InetText.parseIpv6(m);
            if (mask == null) {
                throw new IllegalArgumentException("invalid mask `" + m + "' specified in \"" + s + "\"");
            }
            return new Ipv6Prefix(a[0], a[1], mask[0], mask[1]);
        }
        int len;
        try {
            len = Integer.parseInt(m);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid mask `" + m + "' specified in \"" + s + "\"", e);
        }
        if (len < 0 || len > 128 || m.startsWith("+")) {
            throw new IllegalArgumentException("invalid mask `" + m + "' specified in \"" + s + "\"");
        }
        return new Ipv6Prefix(a[0], a[1], InetText.ipv6MaskHi(len), InetText.ipv6MaskLo(len));
    }

    /** The prefix length of a contiguous mask, -1 otherwise. */
    public static int prefixLength(long mHi, long mLo) {
        return InetText.ipv6PrefixLength(mHi, mLo);
    }

    @Override
    public String toString() {
        int len = prefixLength(maskHi, maskLo);
        return InetText.formatIpv6(hi, lo) + "/"
                + (len >= 0 ? Integer.toString(len) : InetText.formatIpv6(maskHi, maskLo));
    }

    public static ParamType<Ipv6Prefix> type() {
        return ParamTypes.word("address[/mask]", w -> Ipv6Prefix.parse(w), v -> v.toString());
    }
}
