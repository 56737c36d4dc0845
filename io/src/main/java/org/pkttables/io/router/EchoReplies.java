package org.pkttables.io.router;

import org.pkttables.io.frames.IpHeaders;

/**
 * Answers to ping for the appliance's own addresses: the echo request's identifier, sequence number
 * and data sent back in an echo reply (ICMP type 0, ICMPv6 type 129) from the address it was sent to.
 */
final class EchoReplies {
    private EchoReplies() {
    }

    /**
     * Writes the reply at {@code l3} of {@code out} to the IPv4 echo request whose ICMP message is
     * {@code b[l4 .. l4+len)} in the packet at {@code origL3}. Returns the IPv4 packet's length.
     */
    public static int v4(byte[] out, int l3, byte[] b, int origL3, int l4, int len) {
        int ol4 = l3 + 20;
        System.arraycopy(b, l4, out, ol4, len);
        out[ol4] = 0;
        out[ol4 + 1] = 0;
        IpHeaders.ipv4(out, l3, 1, len, IpHeaders.DEFAULT_TTL, b, origL3 + 16, b, origL3 + 12);
        IpHeaders.icmpChecksum(out, ol4, len);
        return 20 + len;
    }

    /** As {@link #v4} for an ICMPv6 echo request. */
    public static int v6(byte[] out, int l3, byte[] b, int origL3, int l4, int len) {
        int ol4 = l3 + 40;
        System.arraycopy(b, l4, out, ol4, len);
        out[ol4] = (byte) 129;
        out[ol4 + 1] = 0;
        IpHeaders.ipv6(out, l3, 58, len, IpHeaders.DEFAULT_TTL, b, origL3 + 24, b, origL3 + 8);
        IpHeaders.icmp6Checksum(out, l3, ol4, len);
        return 40 + len;
    }
}
