package org.pkttables.ext.ipset.impl;

import org.pkttables.ext.ipset.api.SetException;

/**
 * Addresses as ipset reads and prints them: IPv4 as inet_aton reads it ({@code 1.2.3} is 1.2.0.3), IPv6
 * as inet_pton (literals only, never a name lookup), IPv6 printed as glibc's inet_ntop does.
 */
final class Inet {
    private Inet() {
    }

    /** An IPv4 address as an unsigned 32-bit value. */
    static long parse4(String s) {
        long v = aton(s);
        if (v < 0) {
            throw new SetException("Syntax error: cannot parse " + s + ": resolving to IPv4 address failed");
        }
        return v;
    }

    /** inet_aton: one to four parts, each decimal, 0x-hex or 0-octal; the last fills the remaining bytes. */
    private static long aton(String s) {
        if (s.isEmpty() || s.endsWith(".")) {
            return -1;
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long[] v = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = number(parts[i]);
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

    private static long number(String p) {
        if (p.isEmpty()) {
            return -1;
        }
        int radix = 10;
        int i = 0;
        if (p.length() > 1 && p.charAt(0) == '0' && (p.charAt(1) == 'x' || p.charAt(1) == 'X')) {
            radix = 16;
            i = 2;
            if (p.length() == 2) {
                return 0; // inet_aton takes a bare "0x" as zero
            }
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

    static String format4(long a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** An IPv6 address as {hi, lo}. */
    static long[] parse6(String s) {
        long[] a = pton6(s);
        if (a == null) {
            throw new SetException("Syntax error: cannot parse " + s + ": resolving to IPv6 address failed");
        }
        return a;
    }

    private static long[] pton6(String s) {
        int[] w = new int[8];
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc < 0 ? s : s.substring(0, dc);
        String tail = dc < 0 ? "" : s.substring(dc + 2);
        if (dc >= 0 && head.indexOf('.') >= 0) {
            return null;
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
                long a = dottedQuad(x);
                if (a < 0) {
                    return null;
                }
                out[i] = (int) (a >>> 16);
                out[i + 1] = (int) (a & 0xffff);
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

    private static long dottedQuad(String s) {
        String[] p = s.split("\\.", -1);
        if (p.length != 4) {
            return -1;
        }
        long v = 0;
        for (String x : p) {
            if (x.isEmpty() || x.length() > 3) {
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

    static String format6(long hi, long lo) {
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
                sb.append(w[6] >>> 8).append('.').append(w[6] & 0xff).append('.').append(w[7] >>> 8).append('.')
                        .append(w[7] & 0xff);
                return sb.toString();
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    /** The high word of an IPv6 prefix mask of {@code len} bits. */
    static long maskHi(int len) {
        return len <= 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
    }

    static long maskLo(int len) {
        return maskHi(len - 64);
    }

    static long mask4(int len) {
        return len <= 0 ? 0 : (0xffffffffL << (32 - len)) & 0xffffffffL;
    }
}
