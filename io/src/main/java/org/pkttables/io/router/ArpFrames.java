package org.pkttables.io.router;

import org.pkttables.io.frames.IpHeaders;

/** ARP for IPv4 over Ethernet: the router's requests for its next hops and its replies for its addresses. */
final class ArpFrames {
    static final int LEN = 42;
    static final long BROADCAST = 0xffffffffffffL;

    private ArpFrames() {
    }

    /** True for an Ethernet/IPv4 ARP packet (request or reply) in a frame of {@code len} bytes. */
    static boolean valid(byte[] b, int len) {
        return len >= LEN && IpHeaders.u16(b, 14) == 1 && IpHeaders.u16(b, 16) == IpHeaders.ETH_IPV4 && b[18] == 6
                && b[19] == 4;
    }

    static int op(byte[] b) {
        return IpHeaders.u16(b, 20);
    }

    /** Offsets into an ARP frame: sender MAC 22, sender IP 28, target MAC 32, target IP 38. */
    static final int SHA = 22;
    static final int SPA = 28;
    static final int THA = 32;
    static final int TPA = 38;

    /** Writes the reply to the request in {@code req}: "{@code TPA} is at {@code mac}". Returns its length. */
    static int reply(byte[] out, byte[] req, long mac) {
        long requester = IpHeaders.mac(req, SHA);
        IpHeaders.ethernet(out, 0, requester, mac, IpHeaders.ETH_ARP);
        header(out, 2);
        IpHeaders.putMac(out, SHA, mac);
        System.arraycopy(req, TPA, out, SPA, 4);
        IpHeaders.putMac(out, THA, requester);
        System.arraycopy(req, SPA, out, TPA, 4);
        return LEN;
    }

    /** Writes a broadcast request "who has {@code target}, tell {@code sender}". Returns its length. */
    static int request(byte[] out, long mac, byte[] sender, int senderOff, byte[] target, int targetOff) {
        IpHeaders.ethernet(out, 0, BROADCAST, mac, IpHeaders.ETH_ARP);
        header(out, 1);
        IpHeaders.putMac(out, SHA, mac);
        System.arraycopy(sender, senderOff, out, SPA, 4);
        IpHeaders.putMac(out, THA, 0);
        System.arraycopy(target, targetOff, out, TPA, 4);
        return LEN;
    }

    private static void header(byte[] out, int op) {
        IpHeaders.put16(out, 14, 1);
        IpHeaders.put16(out, 16, IpHeaders.ETH_IPV4);
        out[18] = 6;
        out[19] = 4;
        IpHeaders.put16(out, 20, op);
    }
}
