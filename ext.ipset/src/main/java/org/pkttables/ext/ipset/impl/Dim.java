package org.pkttables.ext.ipset.impl;

import org.pkttables.api.PacketContext;

/**
 * One dimension of a set's elements (the {@code ip}, {@code port}, {@code net} of {@code
 * hash:ip,port,net}): how it is read from the command line and from a packet, printed, and stored as
 * a few unsigned fields that {@link KeyLayout} packs into the hash key.
 */
abstract class Dim {
    /** The widths in bits of this dimension's fields (64 at most each). */
    abstract int[] fieldBits();

    final int fields() {
        return fieldBits().length;
    }

    /** @throws org.pkttables.ext.ipset.api.SetException naming the bad text */
    abstract Values parse(String text);

    abstract void format(long[] f, int off, StringBuilder out);

    /**
     * Reads this dimension from the packet into {@code f[off..]}: the source or destination address,
     * port, MAC or interface. False when the packet does not have it (no L4 header, a later fragment).
     * The packet path: no allocation.
     */
    abstract boolean extract(PacketContext p, boolean src, long[] f, int off);

    /**
     * The packet's source or destination address, unmasked, into {@code f[off]} (IPv4) or {@code f[off]}
     * and {@code f[off + 1]} (IPv6: high and low 64 bits); false when the packet is too short for it. The
     * packet path: no allocation.
     */
    static boolean address(PacketContext p, boolean src, boolean v6, long[] f, int off) {
        int l3 = p.l3Offset();
        if (l3 < 0) {
            return false;
        }
        if (v6) {
            int at = l3 + (src ? 8 : 24);
            if (!p.has(at, 16)) {
                return false;
            }
            f[off] = (p.u32(at) << 32) | p.u32(at + 4);
            f[off + 1] = (p.u32(at + 8) << 32) | p.u32(at + 12);
            return true;
        }
        long a = p.u32(l3 + (src ? 12 : 16));
        if (a < 0) {
            return false;
        }
        f[off] = a;
        return true;
    }

    /** The prefix length field of a net dimension, -1 for other kinds. */
    int cidrField() {
        return -1;
    }

    /** Largest prefix length (32 or 128) for a net dimension. */
    int maxCidr() {
        return 0;
    }

    /** Masks the address fields at {@code off} to {@code cidr} bits and stores the length (net dimensions). */
    void applyCidr(long[] f, int off, int cidr) {
        throw new UnsupportedOperationException();
    }
}
