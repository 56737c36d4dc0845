package org.pkttables.api.ext;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;

/**
 * The Internet checksum (RFC 1071) once for every bundle: sums over a frame, the TCP/UDP pseudo-header,
 * fresh IPv4 header and L4 checksums, the incremental update when a header word or address changes
 * (RFC 1624), and completing the partial checksums that checksum offload leaves in frames from local
 * peers. Everything works in place on a caller's buffer: no allocation, no boxing (packet path).
 *
 * <p>Sums are kept unfolded in a {@code long} while they are added up ({@link #sum}); {@link #fold} folds
 * one to 16 bits, {@link #checksum} complements the folded sum into the value a header carries. Words
 * are big-endian; an odd tail is padded with a zero byte.
 *
 * <p>Partial checksums: with tx checksum offload a sender's kernel writes only the folded pseudo-header
 * sum into the TCP/UDP checksum field and expects the NIC to finish it; a packet socket on the other end
 * of a veth sees exactly that, and a receiver would drop the frame after it is sent on. So a field equal
 * to the pseudo-header sum is taken as partial and completed ({@link #completePartial}; recomputing a
 * correct checksum that happens to have that value gives the same value back).
 *
 * @since 1.3.0
 */
public final class Checksums {
    private Checksums() {
    }

    /** Ones' complement sum of the big-endian 16-bit words of {@code [off, off+len)} (odd tail padded with zero), not folded. */
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

    /** {@code s} folded to 16 bits (end-around carries added until none is left). */
    public static int fold(long s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) s;
    }

    /** The checksum of {@code [off, off+len)}: the complement of its folded sum, as a header carries it. */
    public static int checksum(byte[] b, int off, int len) {
        return ~fold(sum(b, off, len)) & 0xffff;
    }

    /**
     * The pseudo-header sum (not folded) of the IPv4 ({@code v4}) or IPv6 header at {@code l3} for an L4
     * segment of protocol {@code proto} and {@code l4len} bytes.
     */
    public static long pseudo(byte[] b, int l3, boolean v4, int proto, int l4len) {
        return v4 ? sum(b, l3 + 12, 8) + proto + l4len : sum(b, l3 + 8, 32) + proto + (l4len >>> 16) + (l4len & 0xffff);
    }

    /** Offset of the checksum field in a TCP (6) or UDP (17) header; -1 for other protocols. */
    public static int fieldOffset(int proto) {
        return proto == 6 ? 16 : proto == 17 ? 6 : -1;
    }

    /**
     * Writes the full checksum of the L4 segment {@code [l4, l4+len)} into its field at {@code l4+field},
     * given its pseudo-header sum. UDP (17) never gets 0, which means "no checksum", but 0xffff.
     */
    public static void store(byte[] b, int l4, int len, int field, long pseudo, int proto) {
        b[l4 + field] = 0;
        b[l4 + field + 1] = 0;
        int c = ~fold(pseudo + sum(b, l4, len)) & 0xffff;
        if (c == 0 && proto == 17) {
            c = 0xffff;
        }
        b[l4 + field] = (byte) (c >>> 8);
        b[l4 + field + 1] = (byte) c;
    }

    /** Recomputes the checksum of the IPv4 header at {@code l3} (its IHL gives the length). */
    public static void ipv4Header(byte[] b, int l3) {
        int ihl = (b[l3] & 0x0f) * 4;
        b[l3 + 10] = 0;
        b[l3 + 11] = 0;
        int c = checksum(b, l3, ihl);
        b[l3 + 10] = (byte) (c >>> 8);
        b[l3 + 11] = (byte) c;
    }

    /**
     * Completes a partial TCP/UDP checksum in place (see the class comment). {@code p} must have been
     * parsed by its family's handler. True when the field was partial and is now complete.
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

    /** Bytes of L4 header and payload by the IP header of the parsed {@code p} (not the frame, which may be padded). */
    public static int l4Length(PacketContext p, boolean v4) {
        int l3 = p.l3Offset();
        return v4 ? l3 + p.u16(l3 + 2) - p.l4Offset() : l3 + 40 + p.u16(l3 + 4) - p.l4Offset();
    }

    // ---------------------------------------------------------------- incremental update (RFC 1624)

    /**
     * The checksum {@code check} after a 16-bit word it covers changed from {@code oldWord} to
     * {@code newWord}: RFC 1624 eqn. 3, {@code HC' = ~(~HC + ~m + m')}. All values 16-bit.
     */
    public static int update(int check, int oldWord, int newWord) {
        int s = (~check & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        s = (s & 0xffff) + (s >>> 16);
        s = (s & 0xffff) + (s >>> 16);
        return ~s & 0xffff;
    }

    /**
     * The checksum {@code check} after a 32-bit value it covers (an IPv4 address, a TCP sequence number)
     * changed from {@code oldValue} to {@code newValue}: {@link #update} for both halves.
     */
    public static int update32(int check, int oldValue, int newValue) {
        return update(update(check, oldValue >>> 16, newValue >>> 16), oldValue & 0xffff, newValue & 0xffff);
    }

    /**
     * The checksum {@code check} after the {@code len} bytes (even) at {@code oldBytes[oldOff]} it covers
     * were replaced by those at {@code newBytes[newOff]} (an IPv6 address: 16 bytes): {@link #update} word
     * by word.
     */
    public static int updateBytes(int check, byte[] oldBytes, int oldOff, byte[] newBytes, int newOff, int len) {
        for (int i = 0; i + 1 < len; i += 2) {
            int o = ((oldBytes[oldOff + i] & 0xff) << 8) | (oldBytes[oldOff + i + 1] & 0xff);
            int n = ((newBytes[newOff + i] & 0xff) << 8) | (newBytes[newOff + i + 1] & 0xff);
            check = update(check, o, n);
        }
        return check;
    }

    /**
     * Adjusts the checksum at {@code csumAt} in {@code p}'s frame, in place, for a 16-bit word it covers
     * having changed from {@code oldWord} to {@code newWord}. Nothing when the words are equal or the
     * checksum field lies outside the frame.
     */
    public static void replace16(PacketContext p, int csumAt, int oldWord, int newWord) {
        int hc = p.u16(csumAt);
        if (hc < 0 || oldWord == newWord) {
            return;
        }
        p.put16(csumAt, update(hc, oldWord, newWord));
    }
}
