package org.pkttables.e2e;

import static org.pkttables.e2e.DiffVocab.*;

import java.util.Random;

/**
 * The seeded traffic of the NAT differential test ({@link KernelNatDifferentialIT}): first packets of
 * TCP, UDP and ICMP echo flows for each NAT case, IPv4 and IPv6, from the side the case starts on, and for
 * every request that came through, the answer the far end gives ({@link #reply}: addresses and ports
 * swapped, SYN answered by SYN/ACK, echo request by echo reply). Every packet ends with the differential's
 * trailer (magic and id), so the capture finds it whatever NAT did to its headers.
 */
final class NatDiffTraffic {
    /**
     * A NAT case: its flows start on the right (outside, r1) or the left; the router sends their first
     * packets out of {@code out} (null: to the router itself); {@code deterministic}: the kernel's mapping
     * follows from the packet (else it picks a port at random).
     */
    record Case(String name, boolean v6, boolean fromRight, String out, boolean deterministic) {
    }

    /** A first packet and its case. */
    record Flow(Case kase, DiffPacket request) {
    }

    static final String[] PROTOS = { "tcp", "udp", "icmp" };
    /** An answer's id: this plus its request's. */
    static final int REPLY_IDS = 1_000_000;

    private final Random rnd;
    private int nextId;
    private int port;

    NatDiffTraffic(long seed, int firstId) {
        rnd = new Random(seed);
        nextId = firstId;
        port = 41000 + rnd.nextInt(2000);
    }

    /** A client port not used before in this run. */
    int nextPort() {
        port += 1 + rnd.nextInt(5);
        return port;
    }

    int nextId() {
        return nextId++;
    }

    Random rnd() {
        return rnd;
    }

    /** The first packet of a flow {@code src:sport -> dst:dport} ({@code icmp}: echo request with id {@code sport}). */
    DiffPacket request(Case c, String proto, String src, String dst, int sport, int dport) {
        int id = nextId();
        byte[] s = addr(src);
        byte[] d = addr(dst);
        byte[] trailer = trailer(id);
        byte[] l4;
        int p;
        switch (proto) {
            case "tcp":
                p = 6;
                l4 = WireBytes.tcp(s, d, sport, dport, rnd.nextInt() & 0xffffffffL, 0, 0x02, 64240, new byte[0], trailer);
                break;
            case "udp":
                p = 17;
                l4 = WireBytes.udp(s, d, sport, dport, trailer);
                break;
            default:
                p = c.v6() ? 58 : 1;
                l4 = WireBytes.icmp(c.v6(), s, d, c.v6() ? 128 : 8, 0, sport << 16 | 1, trailer);
        }
        String what = c.name() + " " + proto + " " + src + (proto.equals("icmp") ? " id " + sport : ":" + sport) + " -> "
                + dst + (proto.equals("icmp") ? "" : ":" + dport);
        return packet(id, c.v6(), c.fromRight(), p, s, d, l4, what);
    }

    /**
     * The far end's answer to a request as it arrived ({@code ip}: the IP packet from its header on), sent
     * back from the side it arrived at; null for a packet that is not a TCP SYN, UDP or echo request.
     */
    DiffPacket reply(DiffPacket request, byte[] ip) {
        boolean v6 = request.v6();
        int l3len = v6 ? 40 : (ip[0] & 0x0f) * 4;
        int proto = v6 ? ip[6] & 0xff : ip[9] & 0xff;
        byte[] src = java.util.Arrays.copyOfRange(ip, v6 ? 8 : 12, v6 ? 24 : 16);
        byte[] dst = java.util.Arrays.copyOfRange(ip, v6 ? 24 : 16, v6 ? 40 : 20);
        int sport = (ip[l3len] & 0xff) << 8 | (ip[l3len + 1] & 0xff);
        int dport = (ip[l3len + 2] & 0xff) << 8 | (ip[l3len + 3] & 0xff);
        // the answer's id and sequence number follow from the request's: both sides build the same answer
        int id = REPLY_IDS + request.id();
        byte[] trailer = trailer(id);
        byte[] l4;
        if (proto == 6) {
            long seq = KernelRouterLab.get32(ip, l3len + 4) & 0xffffffffL;
            l4 = WireBytes.tcp(dst, src, dport, sport, (request.id() * 0x9E3779B1L) & 0xffffffffL, seq + 1, 0x12, 65160,
                    new byte[0], trailer);
        } else if (proto == 17) {
            l4 = WireBytes.udp(dst, src, dport, sport, trailer);
        } else if (proto == 1 || proto == 58) {
            // type, code, then id and sequence as the request had them
            int rest = KernelRouterLab.get32(ip, l3len + 4);
            l4 = WireBytes.icmp(v6, dst, src, v6 ? 129 : 0, 0, rest, trailer);
        } else {
            return null;
        }
        return packet(id, v6, !request.reply(), proto, dst, src, l4, "reply to " + request.id() + " (" + request.what() + ")");
    }

    private static byte[] trailer(int id) {
        byte[] t = new byte[8];
        WireBytes.put32(t, 0, MAGIC);
        WireBytes.put32(t, 4, id);
        return t;
    }

    private static DiffPacket packet(int id, boolean v6, boolean fromRight, int proto, byte[] s, byte[] d, byte[] l4,
            String what) {
        byte[] l3 = v6 ? WireBytes.ipv6(0, 0, 64, proto, s, d, l4) : WireBytes.ipv4(0, id & 0xffff, false, 64, proto, s, d, l4);
        byte[] frame = WireBytes.ether(mac(fromRight ? R1_MAC : R0_MAC), mac(fromRight ? RIGHT_MACS[0] : LEFT_MACS[0]),
                v6 ? WireBytes.ETH_IPV6 : WireBytes.ETH_IPV4, l3);
        return new DiffPacket(id, v6, fromRight, frame, (v6 ? "ipv6 " : "ipv4 ") + what);
    }
}
