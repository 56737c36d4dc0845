package org.pkttables.conntrack.impl;

import java.io.ByteArrayOutputStream;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.tables.testing.Frames;

/** TCP segments with chosen seq/ack/window/options (Frames fixes ack and window), and a feeder for the engine. */
final class Seg {
    static final int WS = 3;
    static final int SACK_PERM = 4;

    private Seg() {
    }

    static byte[] tcp(String src, String dst, int sport, int dport, int flags, long seq, long ack, int win,
            int payload, byte... options) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int optLen = (options.length + 3) / 4 * 4;
        put16(b, sport);
        put16(b, dport);
        put32(b, seq);
        put32(b, ack);
        b.write(((20 + optLen) / 4) << 4);
        b.write(flags);
        put16(b, win);
        put16(b, 0);
        put16(b, 0);
        b.writeBytes(options);
        for (int i = options.length; i < optLen; i++) {
            b.write(0);
        }
        b.writeBytes(new byte[payload]);
        boolean v6 = src.contains(":");
        return (v6 ? Frames.ipv6(src, dst) : Frames.ipv4(src, dst)).raw(6, b.toByteArray()).build();
    }

    static byte[] wscale(int shift) {
        return new byte[] { 3, 3, (byte) shift };
    }

    private static void put16(ByteArrayOutputStream b, int v) {
        b.write(v >>> 8);
        b.write(v);
    }

    private static void put32(ByteArrayOutputStream b, long v) {
        put16(b, (int) (v >>> 16) & 0xffff);
        put16(b, (int) v & 0xffff);
    }

    /** Sets the offsets an L3 handler would for an Ethernet frame (IPv4 without options, or plain IPv6). */
    static PacketContext context(PacketContext p, byte[] frame, Hook hook) {
        p.reset(frame, 0, frame.length);
        p.setL2(0);
        boolean v6 = ((frame[12] & 0xff) << 8 | (frame[13] & 0xff)) == Frames.ETH_IPV6;
        p.setFamily(v6 ? Family.IPV6 : Family.IPV4);
        p.setHook(hook);
        if (v6) {
            p.setL3(14, Frames.ETH_IPV6);
            p.setL4(54, frame[14 + 6] & 0xff);
        } else {
            p.setL3(14, Frames.ETH_IPV4);
            p.setL4(14 + (frame[14] & 0x0f) * 4, frame[14 + 9] & 0xff);
        }
        return p;
    }

    /** One packet through PREROUTING (track) and INPUT (confirm); the packet's view afterwards. */
    static CtView feed(ConntrackEngine e, byte[] frame) {
        PacketContext p = context(new PacketContext(0), frame, Hook.PREROUTING);
        e.track(p);
        p.setHook(Hook.INPUT);
        e.confirm(p);
        return (CtView) p.conntrack();
    }
}
