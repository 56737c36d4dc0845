package org.pkttables.l2.bridge.impl;


import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/** An IPv6 address with mask ({@code addr[/len|/mask]}), listed masked, bare for /128 (ebtables' ip6 match). */
record Ipv6Prefix(long hi, long lo, long maskHi, long maskLo) {
    boolean contains(long aHi, long aLo) {
        return (aHi & maskHi) == hi && (aLo & maskLo) == lo;
    }

    static Ipv6Prefix parse(String s) {
        int slash = s.indexOf('/');
        long[] a = address(slash < 0 ? s : s.substring(0, slash));
        long mh = -1L;
        long ml = -1L;
        if (slash >= 0) {
            String m = s.substring(slash + 1);
            if (m.contains(":")) {
                long[] mm = address(m);
                mh = mm[0];
                ml = mm[1];
            } else {
                int len;
                try {
                    len = Integer.parseInt(m);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad prefix length '" + m + "'", e);
                }
                if (len < 0 || len > 128) {
                    throw new IllegalArgumentException("bad prefix length '" + m + "'");
                }
                mh = InetText.ipv6MaskHi(len);
                ml = InetText.ipv6MaskLo(len);
            }
        }
        return new Ipv6Prefix(a[0] & mh, a[1] & ml, mh, ml);
    }

    private static long[] address(String s) {
        long[] a = InetText.parseIpv6(s);
        if (a == null) {
            throw new IllegalArgumentException("Invalid IPv6 Address '" + s + "' specified");
        }
        return a;
    }

    String format() {
        String a = InetText.formatIpv6(hi, lo);
        int len = InetText.ipv6PrefixLength(maskHi, maskLo);
        if (len == 128) {
            return a;
        }
        return a + "/" + (len >= 0 ? Integer.toString(len) : InetText.formatIpv6(maskHi, maskLo));
    }

    static ParamType<Ipv6Prefix> type() {
        return ParamTypes.word("address[/mask]", w -> Ipv6Prefix.parse(w), v -> v.format());
    }
}
