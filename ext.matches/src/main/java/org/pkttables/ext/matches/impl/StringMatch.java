package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled string match. Like the kernel's skb_find_text, it searches the IP packet (from the L3
 * header, up to the IP length: link-layer padding is not searched) between {@code from} and {@code to},
 * and the whole pattern must lie inside that window. The frame is read in place through
 * {@link PacketContext#u8}; the tables (Horspool's bad-character shifts for "bm", the failure function
 * for "kmp") are built once here. Both find the same occurrences, as in the kernel. {@code --icase}
 * folds ASCII letters only.
 */
final class StringMatch implements Match {
    private final byte[] pat;
    private final boolean kmp;
    private final boolean icase;
    private final int from;
    private final int to;
    private final boolean inv;
    private final int[] shift;
    private final int[] fail;

    StringMatch(byte[] pattern, boolean kmp, boolean icase, int from, int to, boolean inv) {
        this.pat = pattern.clone();
        if (icase) {
            for (int i = 0; i < pat.length; i++) {
                pat[i] = (byte) fold(pat[i] & 0xff);
            }
        }
        this.kmp = kmp;
        this.icase = icase;
        this.from = from;
        this.to = to;
        this.inv = inv;
        int m = pat.length;
        shift = new int[256];
        for (int c = 0; c < 256; c++) {
            shift[c] = m;
        }
        for (int i = 0; i < m - 1; i++) {
            shift[pat[i] & 0xff] = m - 1 - i;
        }
        if (icase) {
            for (int c = 'a'; c <= 'z'; c++) {
                shift[c - 32] = shift[c];
            }
        }
        fail = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && pat[i] != pat[k]) {
                k = fail[k - 1];
            }
            if (pat[i] == pat[k]) {
                k++;
            }
            fail[i] = k;
        }
    }

    private static int fold(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private int at(PacketContext p, int i) {
        int c = p.u8(i);
        return icase ? fold(c) : c;
    }

    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        if (l3 < 0) {
            return false;
        }
        int ipEnd = IpEnd.of(p, l3);
        if (ipEnd < 0) {
            return false;
        }
        int start = l3 + from;
        int end = Math.min(l3 + to, ipEnd);
        boolean found = end - start >= pat.length && (kmp ? kmp(p, start, end) : horspool(p, start, end));
        return found != inv;
    }

    private boolean horspool(PacketContext p, int start, int end) {
        int m = pat.length;
        int i = start;
        while (i + m <= end) {
            int j = m - 1;
            while (j >= 0 && at(p, i + j) == (pat[j] & 0xff)) {
                j--;
            }
            if (j < 0) {
                return true;
            }
            i += shift[p.u8(i + m - 1)];
        }
        return false;
    }

    private boolean kmp(PacketContext p, int start, int end) {
        int m = pat.length;
        int k = 0;
        for (int i = start; i < end; i++) {
            int c = at(p, i);
            while (k > 0 && c != (pat[k] & 0xff)) {
                k = fail[k - 1];
            }
            if (c == (pat[k] & 0xff)) {
                k++;
            }
            if (k == m) {
                return true;
            }
        }
        return false;
    }
}
