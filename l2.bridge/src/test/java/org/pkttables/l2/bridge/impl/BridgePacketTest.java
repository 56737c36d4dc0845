package org.pkttables.l2.bridge.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/**
 * Frames through the bridge family's hooks: for each ebtables match a frame that matches, one that does
 * not, and a truncated one (which never matches a field it does not have); the targets' rewrites and verdicts.
 */
class BridgePacketTest {
    private static final String A = "02:00:00:00:00:0a";
    private static final String B = "02:00:00:00:00:0b";

    private final Harness h = Bridge.harness();

    private void rule(String line) {
        CommandFrontend.Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + ": " + r.err());
    }

    /** A rule "MATCH -j DROP" in FORWARD: DROP means the frame matched. */
    private void drop(String match) {
        rule("ebtables -F FORWARD");
        rule("ebtables -A FORWARD " + match + " -j DROP");
    }

    private int fwd(byte[] frame) {
        return h.inject(Family.BRIDGE, Hook.FORWARD, frame, "eth0", "eth1");
    }

    private static byte[] cut(byte[] f, int n) {
        return Arrays.copyOf(f, n);
    }

    private static byte[] ether(String dst, String src, int type, byte... payload) {
        byte[] f = new byte[14 + payload.length];
        System.arraycopy(Frames.mac(dst), 0, f, 0, 6);
        System.arraycopy(Frames.mac(src), 0, f, 6, 6);
        f[12] = (byte) (type >> 8);
        f[13] = (byte) type;
        System.arraycopy(payload, 0, f, 14, payload.length);
        return f;
    }

    @Test
    void baseOptions() {
        byte[] ip = Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).udp(1, 2).build();
        drop("-p IPv4 -s " + A + " -d " + B + " -i eth0 -o eth1");
        assertEquals(Verdict.DROP, fwd(ip));
        assertEquals(Verdict.ACCEPT, h.inject(Family.BRIDGE, Hook.FORWARD, ip, "eth2", "eth1"));
        drop("-p ! IPv4");
        assertEquals(Verdict.ACCEPT, fwd(ip));
        assertEquals(Verdict.DROP, fwd(Frames.arpRequest(A, "10.0.0.1", "10.0.0.2")));
        drop("-d Multicast");
        assertEquals(Verdict.ACCEPT, fwd(ip));
        assertEquals(Verdict.DROP, fwd(ether("01:00:5e:00:00:01", A, 0x0800, new byte[20])));
        drop("-s 02:00:00:00:00:00/ff:ff:ff:ff:ff:f0");
        assertEquals(Verdict.DROP, fwd(ip));
        drop("-p Length");
        assertEquals(Verdict.ACCEPT, fwd(ip));
        assertEquals(Verdict.DROP, fwd(ether(B, A, 46, new byte[46])));
        drop("-p IPv4");
        assertEquals(Verdict.DROP, fwd(cut(ip, 10)), "a frame shorter than its Ethernet header never reaches a table");
        assertTrue(h.sh("ebtables -L FORWARD --Lc").out().contains("-p IPv4 -j DROP , pcnt = 0 -- bcnt = 0"),
                "and no rule counts it");
    }

    @Test
    void ipMatch() {
        byte[] tcp = Frames.ipv4("192.168.0.7", "10.0.0.1").tos(0x10).tcp(1234, 22).build();
        drop("-p IPv4 --ip-src 192.168.0.0/24 --ip-dst 10.0.0.1 --ip-tos 0x10 --ip-proto tcp --ip-sport 1024:65535 "
                + "--ip-dport 22");
        assertEquals(Verdict.DROP, fwd(tcp));
        assertEquals(Verdict.ACCEPT, fwd(Frames.ipv4("192.168.0.7", "10.0.0.1").tos(0x10).tcp(1234, 23).build()));
        assertEquals(Verdict.ACCEPT, fwd(cut(tcp, 14 + 20 + 2)), "ports cut off");
        drop("-p IPv4 --ip-proto icmp --ip-icmp-type echo-request");
        assertEquals(Verdict.DROP, fwd(Frames.ipv4("1.1.1.1", "2.2.2.2").icmp(8, 0).build()));
        assertEquals(Verdict.ACCEPT, fwd(Frames.ipv4("1.1.1.1", "2.2.2.2").icmp(0, 0).build()));
        drop("-p IPv4 --ip-proto icmp ! --ip-icmp-type 3/1");
        assertEquals(Verdict.DROP, fwd(Frames.ipv4("1.1.1.1", "2.2.2.2").icmp(3, 0).build()));
        assertEquals(Verdict.ACCEPT, fwd(Frames.ipv4("1.1.1.1", "2.2.2.2").icmp(3, 1).build()));
        drop("-p IPv4 --ip-proto igmp --ip-igmp-type membership-query");
        assertEquals(Verdict.DROP, fwd(Frames.ipv4("1.1.1.1", "224.0.0.1").raw(2, (byte) 0x11, (byte) 0, (byte) 0,
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0).build()));
        drop("-p IPv4 ! --ip-src 10.0.0.0/8");
        assertEquals(Verdict.DROP, fwd(tcp));
        assertEquals(Verdict.ACCEPT, fwd(cut(tcp, 20)), "a truncated IPv4 header matches no ip field");
    }

    @Test
    void ip6Match() {
        byte[] udp = Frames.ipv6("2001:db8::1", "2001:db8::2").hopByHop().udp(5000, 53).build();
        drop("-p IPv6 --ip6-src 2001:db8::/32 --ip6-dst 2001:db8::2 --ip6-proto udp --ip6-dport 53");
        assertEquals(Verdict.DROP, fwd(udp), "the UDP header is found behind the hop-by-hop header");
        assertEquals(Verdict.ACCEPT, fwd(Frames.ipv6("2001:db9::1", "2001:db8::2").udp(5000, 53).build()));
        assertEquals(Verdict.ACCEPT, fwd(cut(udp, 14 + 40 + 8 + 2)), "ports cut off");
        drop("-p IPv6 --ip6-proto ipv6-icmp --ip6-icmp-type echo-request");
        assertEquals(Verdict.DROP, fwd(Frames.ipv6("::1", "::2").icmp(128, 0).build()));
        assertEquals(Verdict.ACCEPT, fwd(Frames.ipv6("::1", "::2").icmp(129, 0).build()));
        drop("-p IPv6 --ip6-tclass 0x00");
        assertEquals(Verdict.DROP, fwd(udp));
        assertEquals(Verdict.ACCEPT, fwd(cut(udp, 14 + 39)));
    }

    @Test
    void arpMatch() {
        byte[] req = Frames.arpRequest(A, "10.0.0.1", "10.0.0.2");
        drop("-p ARP --arp-op Request --arp-htype 1 --arp-ptype IPv4 --arp-ip-src 10.0.0.1 --arp-ip-dst 10.0.0.0/24 "
                + "--arp-mac-src " + A);
        assertEquals(Verdict.DROP, fwd(req));
        assertEquals(Verdict.ACCEPT, fwd(Frames.arpReply(A, "10.0.0.1", B, "10.0.0.2")));
        assertEquals(Verdict.ACCEPT, fwd(cut(req, 14 + 20)), "addresses cut off");
        drop("-p ARP --arp-gratuitous");
        assertEquals(Verdict.ACCEPT, fwd(req));
        assertEquals(Verdict.DROP, fwd(Frames.arpRequest(A, "10.0.0.1", "10.0.0.1")));
        drop("-p ARP ! --arp-op Request");
        assertEquals(Verdict.ACCEPT, fwd(req));
        assertEquals(Verdict.ACCEPT, fwd(cut(req, 14 + 6)), "opcode cut off");
    }

    @Test
    void amongMatch() {
        byte[] ip = Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(B).udp(1, 2).build();
        drop("--among-src " + A + "=10.0.0.1,02:00:00:00:00:0c");
        assertEquals(Verdict.DROP, fwd(ip));
        assertEquals(Verdict.ACCEPT, fwd(Frames.ipv4("10.0.0.9", "10.0.0.2").srcMac(A).dstMac(B).udp(1, 2).build()),
                "MAC listed but with another IP");
        drop("! --among-dst " + A + "," + B);
        assertEquals(Verdict.ACCEPT, fwd(ip));
        assertEquals(Verdict.DROP, fwd(Frames.ipv4("10.0.0.1", "10.0.0.2").srcMac(A).dstMac(A.replace('a', 'f'))
                .udp(1, 2).build()));
        drop("--among-dst " + B + "=10.0.0.2");
        assertEquals(Verdict.ACCEPT, fwd(cut(ip, 14 + 17)), "the IP address cut off");
    }

    @Test
    void vlanMatch() {
        byte[] tagged = ether(B, A, 0x8100, (byte) 0xa0, (byte) 42, (byte) 0x08, (byte) 0x00);
        drop("-p 802_1Q --vlan-id 42 --vlan-prio 5 --vlan-encap IPv4");
        assertEquals(Verdict.DROP, fwd(tagged));
        assertEquals(Verdict.ACCEPT, fwd(ether(B, A, 0x8100, (byte) 0xa0, (byte) 43, (byte) 0x08, (byte) 0x00)));
        assertEquals(Verdict.ACCEPT, fwd(cut(tagged, 16)), "tag cut off");
        drop("-p 802_1Q ! --vlan-id 1");
        assertEquals(Verdict.DROP, fwd(tagged));
    }

    @Test
    void llcMatch() {
        byte[] snap = ether(B, A, 8, (byte) 0xaa, (byte) 0xaa, (byte) 3, (byte) 0, (byte) 0, (byte) 0, (byte) 0x08,
                (byte) 0x00);
        drop("-p Length --802_3-sap 0xaa --802_3-type 0x0800");
        assertEquals(Verdict.DROP, fwd(snap));
        assertEquals(Verdict.ACCEPT, fwd(ether(B, A, 3, (byte) 0x42, (byte) 0x42, (byte) 3)));
        assertEquals(Verdict.ACCEPT, fwd(cut(snap, 18)), "SNAP type cut off");
        drop("-p Length ! --802_3-sap 0xaa");
        assertEquals(Verdict.DROP, fwd(ether(B, A, 3, (byte) 0x42, (byte) 0x42, (byte) 3)));
    }

    @Test
    void stpMatch() {
        byte[] bpdu = new byte[3 + 35];
        bpdu[0] = 0x42;
        bpdu[1] = 0x42;
        bpdu[2] = 3;
        bpdu[3 + 4] = 1; // flags: topology change
        bpdu[3 + 5] = (byte) 0x80; // root priority 0x8000
        bpdu[3 + 16] = 10; // root path cost 10
        byte[] f = ether("01:80:c2:00:00:00", A, bpdu.length, bpdu);
        drop("-d BGA --stp-type config --stp-flags topology-change --stp-root-prio 32768 --stp-root-cost 5:20");
        assertEquals(Verdict.DROP, fwd(f));
        drop("--stp-root-cost ! 5:20");
        assertEquals(Verdict.ACCEPT, fwd(f));
        assertEquals(Verdict.ACCEPT, fwd(cut(f, 14 + 20)), "configuration fields cut off");
        drop("--stp-type tcn");
        assertEquals(Verdict.ACCEPT, fwd(f));
    }

    @Test
    void markPkttypeAndLog() {
        byte[] ip = Frames.ipv4("10.0.0.1", "10.0.0.2").udp(1, 2).build();
        rule("ebtables -A FORWARD --log-prefix seen -j mark --mark-set 0x30 --mark-target CONTINUE");
        rule("ebtables -A FORWARD --mark 0x10/0x10 --pkttype-type otherhost -j DROP");
        assertEquals(Verdict.DROP, fwd(ip));
        assertEquals(0x30, h.last().mark());
        assertEquals(Verdict.ACCEPT, h.inject(Family.BRIDGE, Hook.INPUT, ip, "eth0", null),
                "INPUT has no rules: accepted");
        rule("ebtables -A INPUT --pkttype-type host -j DROP");
        assertEquals(Verdict.DROP, h.inject(Family.BRIDGE, Hook.INPUT, ip, "eth0", null));
        assertEquals(Verdict.ACCEPT, h.inject(Family.BRIDGE, Hook.INPUT,
                Frames.ipv4("10.0.0.1", "10.0.0.2").dstMac("ff:ff:ff:ff:ff:ff").udp(1, 2).build(), "eth0", null));
        rule("ebtables -F FORWARD");
        rule("ebtables -A FORWARD -j mark --mark-or 1 --mark-target RETURN");
        rule("ebtables -P FORWARD DROP");
        assertEquals(Verdict.DROP, fwd(ip), "RETURN from a built-in chain applies its policy");
    }

    @Test
    void natTargetsRewriteMacs() {
        rule("ebtables -t nat -A PREROUTING -j dnat --to-dst 02:00:00:00:00:99 --dnat-target CONTINUE");
        rule("ebtables -t nat -A POSTROUTING -p ARP -j snat --to-src 02:00:00:00:00:77 --snat-arp");
        byte[] req = Frames.arpRequest(A, "10.0.0.1", "10.0.0.2");
        assertEquals(Verdict.ACCEPT, h.injectPath(Family.BRIDGE, req, "eth0", "eth1", Hook.PREROUTING, Hook.FORWARD,
                Hook.POSTROUTING));
        assertArrayEquals(Frames.mac("02:00:00:00:00:99"), Arrays.copyOfRange(req, 0, 6));
        assertArrayEquals(Frames.mac("02:00:00:00:00:77"), Arrays.copyOfRange(req, 6, 12));
        assertArrayEquals(Frames.mac("02:00:00:00:00:77"), Arrays.copyOfRange(req, 22, 28), "ARP sender MAC");
        rule("ebtables -t nat -A PREROUTING -j redirect --redirect-target DROP");
        assertEquals(Verdict.DROP, h.inject(Family.BRIDGE, Hook.PREROUTING, req, "eth0", null));
    }
}
