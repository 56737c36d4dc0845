package org.pkttables.gen.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;

/**
 * An address range to draw flow ends from: {@code ADDR} (one address) or {@code ADDR/LEN}. Draws are
 * random or sequential within the host part; for prefixes shorter than /31 (IPv4) the network and
 * broadcast addresses are skipped.
 */
public final class Addresses {
    private final String text;
    private final boolean v6;
    private final byte[] base;
    private final int prefix;
    /** Number of usable host values (capped at 2^62 for IPv6). */
    private final long hosts;
    private final long first;

    public Addresses(String text) {
        this.text = text;
        String addr = text;
        int len;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            addr = text.substring(0, slash);
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in `" + text + "'", e);
            }
        } else {
            len = -1;
        }
        if (!addr.matches("[0-9a-fA-F:.]+") || !(addr.contains(".") || addr.contains(":"))) {
            throw new IllegalArgumentException("`" + text + "' is not an IPv4 or IPv6 address or prefix");
        }
        byte[] a;
        try {
            a = InetAddress.getByName(addr).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("`" + text + "' is not an IPv4 or IPv6 address or prefix", e);
        }
        v6 = a.length == 16;
        int bits = a.length * 8;
        if (len == -1) {
            len = bits;
        }
        if (len < 0 || len > bits) {
            throw new IllegalArgumentException("prefix length of `" + text + "' is not 0-" + bits);
        }
        prefix = len;
        base = a.clone();
        for (int i = len; i < bits; i++) {
            base[i / 8] &= (byte) ~(0x80 >> (i % 8));
        }
        int hostBits = Math.min(bits - len, 62);
        if (hostBits == 0) {
            hosts = 1;
            first = 0;
            // a single address: keep it as given
            System.arraycopy(a, 0, base, 0, a.length);
        } else if (!v6 && hostBits >= 2) {
            hosts = (1L << hostBits) - 2;
            first = 1;
        } else {
            hosts = 1L << hostBits;
            first = v6 ? 1 : 0;
        }
    }

    public boolean v6() {
        return v6;
    }

    public long size() {
        return v6 && hosts > 1 ? hosts - 1 : hosts;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Writes the {@code i}-th address (sequential order, wrapping) into {@code out}. */
    public void nth(long i, byte[] out) {
        write(first + Math.floorMod(i, size()), out);
    }

    /** Writes a random address of the range into {@code out}. */
    public void random(SplittableRandom r, byte[] out) {
        write(first + (size() == 1 ? 0 : r.nextLong(size())), out);
    }

    private void write(long host, byte[] out) {
        int n = base.length;
        System.arraycopy(base, 0, out, 0, n);
        if (hosts == 1) {
            return;
        }
        for (int i = n - 1; i >= 0 && host != 0; i--) {
            out[i] |= (byte) host;
            host >>>= 8;
        }
    }

    /** Hash of an address for tuple keys. */
    static long hash(byte[] a, int off, boolean v6) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = off, n = off + (v6 ? 16 : 4); i < n; i++) {
            h = (h ^ (a[i] & 0xff)) * 0x100000001B3L;
        }
        return h;
    }

    /** The key of a flow's tuple: the same from the generator's slot and from a captured frame. */
    static long tupleKey(byte[] client, int cOff, byte[] server, int sOff, boolean v6, int sport, int dport) {
        long key = hash(client, cOff, v6) * 31 + hash(server, sOff, v6);
        return key * 65537 + ((long) sport << 16 | dport);
    }

    /** Dotted or colon text of an address (not on the packet path). */
    public static String format(byte[] a, boolean v6) {
        try {
            byte[] c = new byte[v6 ? 16 : 4];
            System.arraycopy(a, 0, c, 0, c.length);
            String s = InetAddress.getByAddress(c).getHostAddress();
            return v6 ? compress(s) : s;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 5952 text: the longest run of two or more zero groups becomes "::". */
    private static String compress(String full) {
        String[] g = full.split(":");
        int best = -1;
        int bestLen = 1;
        for (int i = 0; i < g.length; i++) {
            int j = i;
            while (j < g.length && g[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                best = i;
                bestLen = j - i;
            }
        }
        if (best < 0) {
            return full;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, best));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, best + bestLen, g.length));
        return head + "::" + tail;
    }
}
