package org.pkttables.ext.ipset.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.ext.ipset.api.SetException;

/**
 * An interface name ({@code hash:net,iface}): {@code [physdev:]name}. An entry added with the
 * {@code wildcard} option matches every name that starts with {@code name} (a {@code +} is an ordinary
 * character here, unlike in iptables, as in ipset). Stored as the name's bytes in two fields (8 + 7
 * bytes) and a flags field (physdev, wildcard). {@code src} is the input interface of a packet,
 * {@code dst} the output one; physdev entries (bridge ports) never match, pkttables has no bridge.
 */
final class IfaceDim extends Dim {
    static final int MAX_LEN = 15;
    static final long PHYSDEV = 1;
    static final long WILDCARD = 2;

    @Override
    int[] fieldBits() {
        return new int[] {64, 56, 2};
    }

    @Override
    Values parse(String text) {
        String name = text;
        long flags = 0;
        if (name.startsWith("physdev:")) {
            name = name.substring("physdev:".length());
            flags |= PHYSDEV;
        }
        if (name.length() > MAX_LEN) {
            throw new SetException("Syntax error: interface name '" + name + "' is longer than " + MAX_LEN
                    + " characters");
        }
        if (name.isEmpty()) {
            throw new SetException("Syntax error: interface name is missing in '" + text + "'");
        }
        long[] f = new long[3];
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0 || c > 0xff) {
                throw new SetException("Syntax error: invalid character in interface name '" + text + "'");
            }
            put(f, 0, i, c);
        }
        f[2] = flags;
        return Values.one(f);
    }

    private static void put(long[] f, int off, int i, int c) {
        if (i < 8) {
            f[off] |= (long) c << (56 - 8 * i);
        } else {
            f[off + 1] |= (long) c << (48 - 8 * (i - 8));
        }
    }

    private static int charAt(long[] f, int off, int i) {
        return (int) (i < 8 ? f[off] >>> (56 - 8 * i) : f[off + 1] >>> (48 - 8 * (i - 8))) & 0xff;
    }

    @Override
    void format(long[] f, int off, StringBuilder out) {
        if ((f[off + 2] & PHYSDEV) != 0) {
            out.append("physdev:");
        }
        for (int i = 0; i < MAX_LEN; i++) {
            int c = charAt(f, off, i);
            if (c == 0) {
                break;
            }
            out.append((char) c);
        }
    }

    @Override
    boolean extract(PacketContext p, boolean src, long[] f, int off) {
        String name = src ? p.inIface() : p.outIface();
        if (name == null || name.isEmpty() || name.length() > MAX_LEN) {
            return false;
        }
        f[off] = 0;
        f[off + 1] = 0;
        for (int i = 0; i < name.length(); i++) {
            put(f, off, i, name.charAt(i) & 0xff);
        }
        f[off + 2] = 0;
        return true;
    }

    /** Turns an extracted name into the wildcard entry of its first {@code len} characters. */
    static void applyWildcard(long[] f, int off, int len) {
        if (len < 8) {
            f[off] &= len == 0 ? 0 : -1L << (64 - 8 * len);
            f[off + 1] = 0;
        } else {
            f[off + 1] &= len == 8 ? 0 : -1L << (56 - 8 * (len - 8));
        }
        f[off + 2] = (f[off + 2] & PHYSDEV) | WILDCARD;
    }

    /** The name length of stored fields. */
    static int length(long[] f, int off) {
        int n = 0;
        while (n < MAX_LEN && charAt(f, off, n) != 0) {
            n++;
        }
        return n;
    }
}
