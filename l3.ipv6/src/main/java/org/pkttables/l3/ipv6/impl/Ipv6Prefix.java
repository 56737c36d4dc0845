package org.pkttables.l3.ipv6.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

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
        long[] a = parseAddress(slash < 0 ? s : s.substring(0, slash));
        if (a == null) {
            throw new IllegalArgumentException("host/network `" + (slash < 0 ? s : s.substring(0, slash)) + "' not found");
        }
        if (slash < 0) {
            return new Ipv6Prefix(a[0], a[1], -1L, -1L);
        }
        String m = s.substring(slash + 1);
        if (m.indexOf(':') >= 0) {
            long[] mask = parseAddress(m);
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
        return new Ipv6Prefix(a[0], a[1], mask64(len), mask64(len - 64));
    }

    private static long mask64(int len) {
        return len <= 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
    }

    /** The prefix length of a contiguous mask, -1 otherwise. */
    public static int prefixLength(long mHi, long mLo) {
        int len = Long.bitCount(mHi) + Long.bitCount(mLo);
        return mask64(len) == mHi && mask64(len - 64) == mLo ? len : -1;
    }

    /** inet_pton: eight hex groups, one {@code ::}, an optional dotted IPv4 tail; null when invalid. */
    static long[] parseAddress(String s) {
        int[] w = new int[8];
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc < 0 ? s : s.substring(0, dc);
        String tail = dc < 0 ? "" : s.substring(dc + 2);
        if (dc >= 0 && head.indexOf('.') >= 0) {
            return null; // a dotted quad may only end the address
        }
        int[] hw = groups(head);
        int[] tw = groups(tail);
        if (hw == null || tw == null) {
            return null;
        }
        if (dc < 0 ? hw.length != 8 : hw.length + tw.length > 7) {
            return null;
        }
        System.arraycopy(hw, 0, w, 0, hw.length);
        System.arraycopy(tw, 0, w, 8 - tw.length, tw.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | w[i];
            lo = (lo << 16) | w[i + 4];
        }
        return new long[] {hi, lo};
    }

    /** The 16-bit groups of a colon-separated part (a last dotted quad counts as two); null if bad. */
    private static int[] groups(String part) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] g = part.split(":", -1);
        int n = g.length;
        boolean v4 = g[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String x = g[i];
            if (v4 && i == n - 1) {
                int a = dottedQuad(x);
                if (a == -1 && !"255.255.255.255".equals(x)) {
                    return null;
                }
                out[i] = a >>> 16;
                out[i + 1] = a & 0xffff;
                continue;
            }
            if (x.isEmpty() || x.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < x.length(); k++) {
                int d = Character.digit(x.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }

    /** Strict dotted quad as inet_pton wants it (decimal, no leading zeros); -1 if bad. */
    private static int dottedQuad(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return -1;
        }
        int v = 0;
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3 || (x.length() > 1 && x.charAt(0) == '0')) {
                return -1;
            }
            for (int k = 0; k < x.length(); k++) {
                if (x.charAt(k) < '0' || x.charAt(k) > '9') {
                    return -1;
                }
            }
            int b = Integer.parseInt(x);
            if (b > 255) {
                return -1;
            }
            v = (v << 8) | b;
        }
        return v;
    }

    /** The text glibc's inet_ntop gives: longest zero run (of two groups or more) as {@code ::}, lower-case. */
    public static String format(long hi, long lo) {
        int[] w = new int[8];
        for (int i = 0; i < 4; i++) {
            w[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            w[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8;) {
            if (w[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && w[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            // IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) addresses end in a dotted quad.
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                sb.append(w[6] >>> 8).append('.').append(w[6] & 0xff).append('.').append(w[7] >>> 8).append('.')
                        .append(w[7] & 0xff);
                break;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        int len = prefixLength(maskHi, maskLo);
        return format(hi, lo) + "/" + (len >= 0 ? Integer.toString(len) : format(maskHi, maskLo));
    }

    public static ParamType<Ipv6Prefix> type() {
        return new ParamType<>("address[/mask]", 1) {
            @Override
            public Ipv6Prefix parse(List<String> words) {
                return Ipv6Prefix.parse(words.get(0));
            }

            @Override
            public List<String> format(Ipv6Prefix v) {
                return List.of(v.toString());
            }
        };
    }
}
