package org.pkttables.e2e;

import static org.pkttables.e2e.DiffVocab.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The frames of issue 11, finding 3, for {@link KernelDifferentialIT}: what pkttables passed while the
 * kernel dropped it (a TCP header cut to 10 bytes to port 80, a 4-byte TCP header to port 23, a 4-byte UDP
 * header to port 53, a 1-byte ICMP echo request, an 8-byte first fragment to port 22, each in IPv4 and
 * IPv6), an IPv4 TCP fragment at offset 8 (the kernel's overlapping-fragment defence), and controls the
 * kernel forwards. Each carries its id in the IP header ({@link DiffPacket#tagged}).
 */
final class IssueFrames {
    final List<DiffPacket> packets = new ArrayList<>();
    /** Ids of the frames the kernel drops under the issue's ruleset. */
    final Set<Integer> dropped = new TreeSet<>();
    private int nextId = 1;

    IssueFrames() {
        for (boolean v6 : new boolean[] { false, true }) {
            byte[] s = addr(v6 ? left6(0) : left4(0));
            byte[] d = addr(v6 ? right6(0) : right4(0));
            int icmp = v6 ? 58 : 1;
            drop(v6, 6, 0, cut(tcp(s, d, 80), 10), "TCP header cut to 10 bytes, port 80");
            drop(v6, 6, 0, cut(tcp(s, d, 23), 4), "4-byte TCP header, port 23");
            drop(v6, 17, 0, cut(WireBytes.udp(s, d, 40000, 53, new byte[0]), 4), "4-byte UDP header, port 53");
            drop(v6, icmp, 0, cut(WireBytes.icmp(v6, s, d, v6 ? 128 : 8, 0, 0x10001, new byte[0]), 1), "1-byte ICMP echo request");
            if (v6) {
                drop(true, 44, 0, WireBytes.fragment6(6, 0, true, 0, 77, cut(tcp(s, d, 22), 8)), "8-byte first fragment, port 22");
            } else {
                drop(false, 6, 0x2000, cut(tcp(s, d, 22), 8), "8-byte first fragment, port 22");
                drop(false, 6, 0x2000 | 1, tcp(s, d, 8080), "TCP fragment at offset 8");
                pass(false, 6, 0x2000 | 2, tcp(s, d, 8080), "TCP fragment at offset 16 (control)");
            }
            pass(v6, 6, 0, cut(tcp(s, d, 8080), 10), "TCP header cut to 10 bytes, port 8080 (control)");
            pass(v6, 17, 0, cut(WireBytes.udp(s, d, 40000, 5353, new byte[0]), 4), "4-byte UDP header, port 5353 (control)");
            pass(v6, 17, 0, cut(WireBytes.udp(s, d, 40000, 53, new byte[0]), 2), "2-byte UDP header (control: no port to read)");
            pass(v6, icmp, 0, WireBytes.icmp(v6, s, d, v6 ? 129 : 0, 0, 0x10001, new byte[0]), "ICMP echo reply (control)");
            pass(v6, 6, 0, tcp(s, d, 8080), "TCP SYN to port 8080 (control)");
        }
    }

    private static byte[] tcp(byte[] s, byte[] d, int dport) {
        return WireBytes.tcp(s, d, 40000, dport, 1, 0, 0x02, 65535, new byte[0], new byte[0]);
    }

    private static byte[] cut(byte[] b, int n) {
        return Arrays.copyOf(b, n);
    }

    private void drop(boolean v6, int proto, int frag, byte[] l4, String what) {
        dropped.add(add(v6, proto, frag, l4, what + ", dropped by the kernel"));
    }

    private void pass(boolean v6, int proto, int frag, byte[] l4, String what) {
        add(v6, proto, frag, l4, what);
    }

    /** {@code frag}: the IPv4 flags and fragment offset field (0x2000: more fragments). */
    private int add(boolean v6, int proto, int frag, byte[] l4, String what) {
        int id = nextId++;
        byte[] s = addr(v6 ? left6(0) : left4(0));
        byte[] d = addr(v6 ? right6(0) : right4(0));
        byte[] l3;
        if (v6) {
            l3 = WireBytes.ipv6(0, id, 64, proto, s, d, l4);
        } else {
            l3 = WireBytes.ipv4(0, id, false, 64, proto, s, d, l4);
            WireBytes.put16(l3, 6, frag);
            WireBytes.put16(l3, 10, 0);
            WireBytes.put16(l3, 10, ~WireBytes.fold(WireBytes.sum(l3, 0, 20, 0)) & 0xffff);
        }
        byte[] frame = WireBytes.ether(mac(R0_MAC), mac(LEFT_MACS[0]), v6 ? WireBytes.ETH_IPV6 : WireBytes.ETH_IPV4, l3);
        packets.add(new DiffPacket(id, v6, false, frame, (v6 ? "ipv6 " : "ipv4 ") + what, true));
        return id;
    }
}
