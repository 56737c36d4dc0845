package org.pkttables.io.frames;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;

/**
 * Internet checksums, and completing the partial ones that checksum offload leaves in frames from
 * local peers. With tx checksum offload a sender's kernel writes only the folded pseudo-header sum
 * into the TCP/UDP checksum field and expects the NIC to finish it; a packet socket on the other end
 * of a veth sees exactly that, and a receiver would drop the frame after we re-inject it. So a field
 * equal to the pseudo-header sum is taken as partial and completed (recomputing a correct checksum
 * that happens to have that value gives the same value back).
 */
public final class Checksums {
    private Checksums() {
    }

    /** Ones' complement sum of big-endian 16-bit words (odd tail padded with zero), not folded. */
    public static long sum(byte[] b, int off, int len) {
        long s = 0;
        int end = off + len;
        int i = off;
        for (; i + 1 < end; i += 2) {
            s += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
        }
        if (i < end) {
            s += (b[i] & 0xff) << 8;
        }
        return s;
    }

    public static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The pseudo-header sum of the packet in {@code p} for an L4 segment of {@code l4len} bytes. */
    public static long pseudo(byte[] b, int l3, boolean v4, int proto, int l4len) {
        return v4 ? sum(b, l3 + 12, 8) + proto + l4len : sum(b, l3 + 8, 32) + proto + (l4len >>> 16) + (l4len & 0xffff);
    }

    /** Offset of the checksum field in an L4 header of {@code proto}, or -1 for protocols we do not handle. */
    static int fieldOffset(int proto) {
        return proto == 6 ? 16 : proto == 17 ? 6 : -1;
    }

    /**
     * Completes a partial TCP/UDP checksum in place. {@code p} must have been parsed by its family's
     * handler. Returns true when the field was partial and is now complete.
     */
    public static boolean completePartial(PacketContext p) {
        int proto = p.l4Proto();
        int field = fieldOffset(proto);
        if (field < 0 || p.isFragment() || p.l4Offset() < 0) {
            return false;
        }
        byte[] b = p.buffer();
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        boolean v4 = p.family() == Family.IPV4;
        int l4len = l4Length(p, v4);
        if (l4len < field + 2 || l4 + l4len > p.end()) {
            return false;
        }
        long ps = pseudo(b, l3, v4, proto, l4len);
        int stored = ((b[l4 + field] & 0xff) << 8) | (b[l4 + field + 1] & 0xff);
        if (stored != fold(ps)) {
            return false;
        }
        store(b, l4, l4len, field, ps, proto);
        return true;
    }

    /** Writes the full checksum of the L4 segment [l4, l4+len) given its pseudo-header sum. */
    static void store(byte[] b, int l4, int len, int field, long pseudo, int proto) {
        b[l4 + field] = 0;
        b[l4 + field + 1] = 0;
        int c = ~fold(pseudo + sum(b, l4, len)) & 0xffff;
        if (c == 0 && proto == 17) {
            c = 0xffff; // UDP: zero means "no checksum"
        }
        b[l4 + field] = (byte) (c >>> 8);
        b[l4 + field + 1] = (byte) c;
    }

    /** Recomputes the IPv4 header checksum of the header at {@code l3}. */
    public static void ipv4Header(byte[] b, int l3) {
        int ihl = (b[l3] & 0x0f) * 4;
        b[l3 + 10] = 0;
        b[l3 + 11] = 0;
        int c = ~fold(sum(b, l3, ihl)) & 0xffff;
        b[l3 + 10] = (byte) (c >>> 8);
        b[l3 + 11] = (byte) c;
    }

    /** Bytes of L4 header + payload according to the IP header (not the frame, which may be padded). */
    public static int l4Length(PacketContext p, boolean v4) {
        int l3 = p.l3Offset();
        return v4 ? l3 + p.u16(l3 + 2) - p.l4Offset() : l3 + 40 + p.u16(l3 + 4) - p.l4Offset();
    }
}
