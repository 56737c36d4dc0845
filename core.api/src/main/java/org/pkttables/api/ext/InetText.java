package org.pkttables.api.ext;

/**
 * Numeric IPv4 and IPv6 addresses as text, read and printed the way the real tools do, so every extension
 * lists an address exactly as iptables, ip6tables or ipset would. Literals only: nothing is ever looked up.
 *
 * <p>An IPv4 address is an unsigned 32-bit value in a {@code long}; an IPv6 address is two longs, the high
 * and the low 64 bits. The parse methods return -1 (IPv4) or null (IPv6) for text that is not an address,
 * so each caller can word the error the way its real tool does.
 *
 * <p>IPv4 text has two readings, because the tools differ: {@link #parseIptablesIpv4} is xtables' numeric
 * parser (iptables {@code -s}, {@code --src-range}: missing trailing parts are zero, {@code 10/8} is
 * 10.0.0.0/8), {@link #parseInetAton} is glibc's inet_aton as ipset gets it from getaddrinfo (the last part
 * fills the remaining bytes, {@code 1.2.3} is 1.2.0.3).
 *
 * @since 1.1.0
 */
public final class InetText {
    private InetText() {
    }

    /**
     * The IPv4 address as xtables' numeric parser reads it: one to four dot-separated parts, each a C number
     * (decimal, {@code 0x} hex or {@code 0} octal, leading blanks and {@code +} allowed, see {@link CNumbers})
     * of at most 255; missing trailing parts are zero ({@code 1.1.1} is 1.1.1.0).
     *
     * @return the address, or -1 when {@code s} is not one
     */
    public static long parseIptablesIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            long b = 0;
            if (i < parts.length) {
                b = CNumbers.parse(parts[i], 255);
                if (b < 0) {
                    return -1;
                }
            }
            v = (v << 8) | b;
        }
        return v;
    }

    /**
     * The IPv4 address as glibc's inet_aton reads it: one to four parts, each decimal, {@code 0x} hex or
     * {@code 0} octal; the last part fills the remaining bytes ({@code 1.2.3} is 1.2.0.3, {@code 1} is
     * 0.0.0.1).
     *
     * @return the address, or -1 when {@code s} is not one
     */
    public static long parseInetAton(String s) {
        if (s.isEmpty() || s.endsWith(".")) {
            return -1;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = atonPart(parts[i]);
            if (v[i] < 0) {
                return -1;
            }
        }
        long last = v[parts.length - 1];
        int lastBits = 8 * (5 - parts.length);
        if (lastBits < 32 && last >= (1L << lastBits) || last > 0xffffffffL) {
            return -1;
        }
        long a = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (v[i] > 255) {
                return -1;
            }
            a |= v[i] << (24 - 8 * i);
        }
        return a | last;
    }

    /** One inet_aton part (unlike strtoul: no blanks, no sign, and a bare {@code 0x} is zero); -1 if bad. */
    private static long atonPart(String p) {
        if (p.isEmpty()) {
            return -1;
        }
        int radix = 10;
        int i = 0;
        if (p.length() > 1 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
            radix = 16;
            i = 2;
        } else if (p.length() > 1 && p.charAt(0) == '0') {
            radix = 8;
            i = 1;
        }
        long v = 0;
        for (; i < p.length(); i++) {
            int d = Character.digit(p.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            v = v * radix + d;
            if (v > 0xffffffffL) {
                return -1;
            }
        }
        return v;
    }

    /**
     * The IPv4 address as inet_pton reads it: exactly four decimal parts of at most 255, no leading zeros.
     *
     * @return the address, or -1 when {@code s} is not one
     */
    public static long parseDottedQuad(String s) {
        return decimalQuad(s, false);
    }

    /**
     * The IPv4 address as the kernel's in4_pton reads it (what nf_conntrack_ftp reads from an FTP command):
     * exactly four decimal parts of one to three digits and at most 255, leading zeros allowed and decimal
     * ({@code 010.1.1.1} is 10.1.1.1).
     *
     * @return the address, or -1 when {@code s} is not one
     * @since 1.4.0
     */
    public static long parseDecimalQuad(String s) {
        return decimalQuad(s, true);
    }

    private static long decimalQuad(String s, boolean leadingZeros) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return -1;
        }
        long v = 0;
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3 || (!leadingZeros && x.length() > 1 && x.charAt(0) == '0')) {
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

    /** {@code a.b.c.d} for the low 32 bits of {@code a}. */
    public static String formatIpv4(long a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /**
     * The IPv6 address as inet_pton reads it (RFC 4291 text): eight groups of one to four hex digits, at most
     * one {@code ::} for a run of zero groups, and optionally a dotted quad (as {@link #parseDottedQuad})
     * in place of the last two groups.
     *
     * @return {high 64 bits, low 64 bits}, or null when {@code s} is not an address
     */
    public static long[] parseIpv6(String s) {
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
        int[] w = new int[8];
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
                long a = parseDottedQuad(x);
                if (a < 0) {
                    return null;
                }
                out[i] = (int) (a >>> 16);
                out[i + 1] = (int) (a & 0xffff);
                break;
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

    /**
     * The text glibc's inet_ntop gives (RFC 5952 but for the IPv4 tails): lower-case hex without leading
     * zeros, the first longest run of two or more zero groups as {@code ::}, and IPv4-compatible
     * ({@code ::a.b.c.d}) and IPv4-mapped ({@code ::ffff:a.b.c.d}) addresses ending in a dotted quad.
     */
    public static String formatIpv6(long hi, long lo) {
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
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
                return sb.append(formatIpv4(lo)).toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /**
     * {@link #formatIpv4(long)} of the four bytes at {@code a[off]} (network order).
     *
     * @since 1.4.0
     */
    public static String formatIpv4(byte[] a, int off) {
        return formatIpv4(ipv4(a, off));
    }

    /**
     * {@link #formatIpv6(long, long)} of the sixteen bytes at {@code a[off]} (network order).
     *
     * @since 1.4.0
     */
    public static String formatIpv6(byte[] a, int off) {
        return formatIpv6(bits64(a, off), bits64(a, off + 8));
    }

    /**
     * The address as the tools print it: a dotted quad for a 4-byte address, {@link #formatIpv6(long, long)}'s
     * text for a 16-byte one (never a name and never a scope: {@code getHostAddress} would print IPv6
     * uncompressed and with {@code %scope}). Null prints as the empty string.
     *
     * @since 1.4.0
     */
    public static String format(java.net.InetAddress a) {
        if (a == null) {
            return "";
        }
        byte[] b = a.getAddress();
        return b.length == 4 ? formatIpv4(b, 0) : formatIpv6(b, 0);
    }

    /**
     * The 16 bytes (network order) of {@link #parseIpv6}'s reading of {@code s}.
     *
     * @return the bytes, or null when {@code s} is not an address
     * @since 1.4.0
     */
    public static byte[] parseIpv6Bytes(String s) {
        long[] a = parseIpv6(s);
        if (a == null) {
            return null;
        }
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (a[0] >>> (56 - 8 * i));
            b[i + 8] = (byte) (a[1] >>> (56 - 8 * i));
        }
        return b;
    }

    /** The four bytes at {@code a[off]} as an unsigned 32-bit value. */
    private static long ipv4(byte[] a, int off) {
        return (a[off] & 0xffL) << 24 | (a[off + 1] & 0xff) << 16 | (a[off + 2] & 0xff) << 8 | (a[off + 3] & 0xff);
    }

    /** The eight bytes at {@code a[off]} as one long. */
    private static long bits64(byte[] a, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (a[off + i] & 0xff);
        }
        return v;
    }

    /** The IPv4 mask of a {@code len}-bit prefix (clamped to 0..32) as an unsigned 32-bit value. */
    public static long ipv4Mask(int len) {
        return len <= 0 ? 0 : len >= 32 ? 0xffffffffL : (0xffffffffL << (32 - len)) & 0xffffffffL;
    }

    /** The prefix length of a contiguous IPv4 mask (low 32 bits of {@code mask}), -1 for one like 255.0.255.0. */
    public static int ipv4PrefixLength(long mask) {
        long m = mask & 0xffffffffL;
        int len = Long.bitCount(m);
        return ipv4Mask(len) == m ? len : -1;
    }

    /** The high 64 bits of the IPv6 mask of a {@code len}-bit prefix (clamped to 0..128). */
    public static long ipv6MaskHi(int len) {
        return len <= 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
    }

    /** The low 64 bits of the IPv6 mask of a {@code len}-bit prefix (clamped to 0..128). */
    public static long ipv6MaskLo(int len) {
        return ipv6MaskHi(len - 64);
    }

    /** The prefix length of a contiguous IPv6 mask, -1 otherwise. */
    public static int ipv6PrefixLength(long maskHi, long maskLo) {
        int len = Long.bitCount(maskHi) + Long.bitCount(maskLo);
        return ipv6MaskHi(len) == maskHi && ipv6MaskLo(len) == maskLo ? len : -1;
    }
}
