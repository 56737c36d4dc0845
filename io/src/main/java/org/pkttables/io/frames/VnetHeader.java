package org.pkttables.io.frames;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Checksums;

/**
 * The {@code struct virtio_net_hdr} that goes in front of a TCP super-frame sent whole on a packet socket
 * with PACKET_VNET_HDR, so that the kernel cuts it (GSO, or the device's TSO; a veth hands it on whole)
 * instead of the appliance: flags VIRTIO_NET_HDR_F_NEEDS_CSUM, gso_type TCPV4/TCPV6 (with ECN when
 * CWR is set), hdr_len, gso_size (the MSS), csum_start (the TCP header, counted from the frame's first
 * byte) and csum_offset 16, little-endian as the kernel reads it on this host. The frame's TCP checksum
 * field gets what the kernel's GSO expects there (CHECKSUM_PARTIAL): the folded pseudo-header sum over
 * the whole segment's length, not complemented, as {@code __tcp_v4_send_check} or GRO leave it. Computed
 * from the headers as they are now, so whatever NAT or a rewrite target did to the addresses, ports or
 * the old field does not matter.
 */
public final class VnetHeader {
    public static final int LENGTH = 10;
    static final int F_NEEDS_CSUM = 1;
    static final int GSO_TCPV4 = 1;
    static final int GSO_TCPV6 = 4;
    static final int GSO_ECN = 0x80;

    private VnetHeader() {
    }

    /**
     * Fills {@code hdr} ({@link #LENGTH} bytes) for the parsed TCP packet {@code p} (an untagged Ethernet
     * frame from {@code p.start()}) to be cut into segments of {@code mss} payload bytes, and stores the
     * partial checksum in the frame. False, with nothing changed, when it cannot go that way: not TCP, a
     * fragment, a VLAN tag (the kernel takes the protocol from the Ethernet type), headers that do not
     * add up, or an MSS out of range.
     */
    public static boolean prepare(PacketContext p, int mss, byte[] hdr) {
        if (p.l4Proto() != 6 || p.isFragment() || p.l4Offset() < 0 || p.l3Offset() - p.start() != 14
                || mss < 8 || mss > 0xffff) {
            return false;
        }
        byte[] b = p.buffer();
        boolean v4 = p.family() == Family.IPV4;
        int l3 = p.l3Offset();
        int l4 = p.l4Offset();
        int tcpLen = ((b[l4 + 12] >> 4) & 0x0f) * 4;
        int l4len = Checksums.l4Length(p, v4);
        if (tcpLen < 20 || l4len < tcpLen || l4 + l4len > p.end()) {
            return false;
        }
        int csumStart = l4 - p.start();
        int type = (v4 ? GSO_TCPV4 : GSO_TCPV6) | ((b[l4 + 13] & 0x80) != 0 ? GSO_ECN : 0);
        hdr[0] = F_NEEDS_CSUM;
        hdr[1] = (byte) type;
        le16(hdr, 2, csumStart + tcpLen);
        le16(hdr, 4, mss);
        le16(hdr, 6, csumStart);
        le16(hdr, 8, 16);
        int ps = Checksums.fold(Checksums.pseudo(b, l3, v4, 6, l4len));
        b[l4 + 16] = (byte) (ps >>> 8);
        b[l4 + 17] = (byte) ps;
        return true;
    }

    /** The MSS that makes every segment of {@code p} fit a port of {@code mtu} (IP MTU). */
    public static int mss(PacketContext p, int mtu) {
        byte[] b = p.buffer();
        int l4 = p.l4Offset();
        int tcpLen = ((b[l4 + 12] >> 4) & 0x0f) * 4;
        return mtu - (l4 - p.l3Offset()) - tcpLen;
    }

    private static void le16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }
}
