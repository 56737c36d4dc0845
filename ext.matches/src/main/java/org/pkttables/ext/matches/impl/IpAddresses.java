package org.pkttables.ext.matches.impl;

/**
 * Numeric IPv4/IPv6 addresses as iptables reads and prints them: IPv4 as xtables' numeric parser
 * ({@code 1.1.1} is 1.1.1.0, {@code 010} is octal), IPv6 as inet_pton/inet_ntop (the longest run of
 * two or more zero groups is compressed, IPv4-mapped and -compatible addresses end in dotted form).
 * An IPv6 address is two longs, high and low 64 bits.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /** The IPv4 address, or -1 when {@code s} is not one. */
    static long parse4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < 4; i++) {
            long b = 0;
            if (i < parts.length) {
                b = org.pkttables.api.ext.CNumbers.parse(parts[i], 255);
                if (b < 0 || parts[i].isEmpty()) {
                    return -1;
                }
            }
            v = (v << 8) | b;
        }
        return v;
    }

    static String format4(long a) {
        return ((a >>> 24) & 0xff) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }

    /** The 8 groups of an IPv6 address, or null when {@code s} is not one (inet_pton rules). */
    static int[] parse6(String s) {
        int[] g = new int[8];
        int dc = s.indexOf("::");
        if (dc >= 0 && s.indexOf("::", dc + 1) >= 0) {
            return null;
        }
        String head = dc < 0 ? s : s.substring(0, dc);
        String tail = dc < 0 ? "" : s.substring(dc + 2);
        int[] h = groups(head, dc < 0);
        int[] t = dc < 0 ? new int[0] : groups(tail, true);
        if (h == null || t == null) {
            return null;
        }
        if (dc < 0 ? h.length != 8 : h.length + t.length > 7) {
            return null;
        }
        System.arraycopy(h, 0, g, 0, h.length);
        System.arraycopy(t, 0, g, 8 - t.length, t.length);
        return g;
    }

    /** Groups of one side of "::"; the last element may be a dotted IPv4 address when {@code last}. */
    private static int[] groups(String s, boolean last) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4 = last && parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (v4 && i == n - 1) {
                long a = strictDotted(p);
                if (a < 0) {
                    return null;
                }
                out[i] = (int) (a >>> 16);
                out[i + 1] = (int) (a & 0xffff);
                break;
            }
            if (p.isEmpty() || p.length() > 4) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) {
                    return null;
                }
                v = v << 4 | d;
            }
            out[i] = v;
        }
        return out;
    }

    /** inet_pton's IPv4: exactly four decimal bytes, no leading zeros. */
    private static long strictDotted(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return -1;
            }
            for (int k = 0; k < p.length(); k++) {
                if (!Character.isDigit(p.charAt(k))) {
                    return -1;
                }
            }
            int b = Integer.parseInt(p);
            if (b > 255) {
                return -1;
            }
            v = v << 8 | b;
        }
        return v;
    }

    static long high(int[] g) {
        return ((long) g[0] << 48) | ((long) g[1] << 32) | ((long) g[2] << 16) | g[3];
    }

    static long low(int[] g) {
        return ((long) g[4] << 48) | ((long) g[5] << 32) | ((long) g[6] << 16) | g[7];
    }

    /** inet_ntop's text for the address {@code hi:lo}. */
    static String format6(long hi, long lo) {
        int[] w = new int[8];
        for (int i = 0; i < 4; i++) {
            w[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            w[4 + i] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        int bestBase = -1;
        int bestLen = 0;
        int curBase = -1;
        int curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (w[i] == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
                if (curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
            } else {
                curBase = -1;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
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
                sb.append(format4(lo & 0xffffffffL));
                break;
            }
            sb.append(Integer.toHexString(w[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }
}
