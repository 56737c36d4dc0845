package org.pkttables.nat;

import org.pkttables.api.PacketContext;

/**
 * SCTP's checksum (RFC 4960 appendix B: CRC32c, Castagnoli, reflected, stored little-endian as the kernel's
 * {@code sctp_compute_cksum} writes it). NAT computes it afresh after changing a port, as the kernel's
 * {@code sctp_manip_pkt} does: SCTP has no pseudo-header, so an address change alone leaves it as it is.
 * Table-driven, allocation-free.
 */
public final class SctpChecksum {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            TABLE[i] = c;
        }
    }

    private SctpChecksum() {
    }

    /**
     * Writes the checksum of the SCTP packet at {@code l4} (absolute index, as PacketContext's; common header of 12 bytes) up to {@code end}
     * (exclusive, the end of the IP payload); nothing when the common header is not all there.
     */
    public static void write(PacketContext p, int l4, int end) {
        if (end - l4 < 12 || !p.has(l4, end - l4)) {
            return;
        }
        byte[] b = p.buffer(); // indices are absolute, as PacketContext's own
        int crc = 0xffffffff;
        for (int i = l4; i < end; i++) {
            // the checksum field itself counts as zeros
            int v = i >= l4 + 8 && i < l4 + 12 ? 0 : b[i] & 0xff;
            crc = (crc >>> 8) ^ TABLE[(crc ^ v) & 0xff];
        }
        crc = ~crc;
        p.put8(l4 + 8, crc & 0xff);
        p.put8(l4 + 9, (crc >>> 8) & 0xff);
        p.put8(l4 + 10, (crc >>> 16) & 0xff);
        p.put8(l4 + 11, (crc >>> 24) & 0xff);
    }
}
