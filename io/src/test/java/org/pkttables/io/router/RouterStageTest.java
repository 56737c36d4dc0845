package org.pkttables.io.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.ext.Checksums;
import org.pkttables.ext.matches.impl.IcmpMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.ext.targets.impl.Reject6TargetType;
import org.pkttables.ext.targets.impl.RejectTargetType;
import org.pkttables.io.workers.WorkerTest.Recorder;
import org.pkttables.l3.arp.impl.ArpHandler;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.Route;
import org.pkttables.route.impl.RoutingTableImpl;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;
import org.pkttables.io.frames.IpHeaders;
import org.pkttables.io.workers.Worker;

/**
 * Router mode's decisions for single frames: a client on p0 (10.0.1.2, fd00:1::2), a server on p1
 * (10.0.2.2, fd00:2::2), the appliance owning 10.0.1.1/24, fd00:1::1/64 on p0 and 10.0.2.1/24,
 * fd00:2::1/64 on p1, a static route 10.9.0.0/16 via the server. Ports record what they would send.
 */
class RouterStageTest {
    private static final String P0 = "02:00:00:00:01:01";
    private static final String P1 = "02:00:00:00:02:01";
    private static final String CLIENT = "02:00:00:00:01:02";
    private static final String SERVER = "02:00:00:00:02:02";
    private static final long SECOND = 1_000_000_000L;

    private Harness h;
    private Recorder[] ports;
    private RoutingTableImpl rt;
    private NeighbourTable neigh;
    private RouterStage stage;
    private long now = 1_000 * SECOND;

    @BeforeEach
    public void setUp() {
        h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ArpHandler(), new TcpMatchType(),
                new UdpMatchType(), new IcmpMatchType(), new RejectTargetType(), new Reject6TargetType());
        ports = new Recorder[] {new Recorder(0, "p0", 1500), new Recorder(1, "p1", 1500)};
        rt = new RoutingTableImpl();
        List<InterfaceAddress> addrs = List.of(RouterSettings.parseAddress("10.0.1.1/24 dev p0"),
                RouterSettings.parseAddress("fd00:1::1/64 dev p0"), RouterSettings.parseAddress("10.0.2.1/24 dev p1"),
                RouterSettings.parseAddress("fd00:2::1/64 dev p1"));
        List<Route> routes = List.of(RouterSettings.parseRoute("10.9.0.0/16 via 10.0.2.2", addrs));
        rt.configure(addrs, routes);
        neigh = new NeighbourTable(60 * SECOND, 64);
        Worker w = new Worker(0, h.ruleset(), ports, 16);
        stage = new RouterStage(w, h.ruleset(), rt, ports, new long[] {mac(P0), mac(P1)}, neigh, () -> { });
        w.stage(stage);
    }

    private static long mac(String m) {
        return IpHeaders.mac(Frames.mac(m), 0);
    }

    private void in(int port, byte[] f) {
        stage.frame(f, f.length, port, now);
    }

    private List<byte[]> sent(int port) {
        return ports[port].sent;
    }

    private byte[] last(int port) {
        List<byte[]> l = sent(port);
        assertTrue(!l.isEmpty(), "nothing sent on p" + port);
        return l.get(l.size() - 1);
    }

    private void clear() {
        for (Recorder r : ports) {
            r.sent.clear();
        }
    }

    /** Both end hosts known: the client asked for its gateway, the server answered our request. */
    private void neighboursKnown() {
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.1.1"));
        in(1, Frames.arpRequest(SERVER, "10.0.2.2", "10.0.2.1"));
        clear();
    }

    private static int u16(byte[] b, int i) {
        return IpHeaders.u16(b, i);
    }

    private static byte[] slice(byte[] b, int from, int len) {
        return Arrays.copyOfRange(b, from, from + len);
    }

    // ---- ARP and ND ----

    @Test
    void answersArpForItsAddressAndLearnsTheAsker() {
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.1.1"));
        byte[] r = last(0);
        assertEquals(42, r.length);
        assertArrayEquals(Frames.mac(CLIENT), slice(r, 0, 6), "to the asker");
        assertArrayEquals(Frames.mac(P0), slice(r, 6, 6), "from the port");
        assertEquals(2, u16(r, 20), "a reply");
        assertArrayEquals(Frames.mac(P0), slice(r, 22, 6), "10.0.1.1 is at the port's MAC");
        assertArrayEquals(Frames.addr("10.0.1.1", 4), slice(r, 28, 4));
        assertArrayEquals(Frames.addr("10.0.1.2", 4), slice(r, 38, 4));
        assertTrue(neigh.list(new String[] {"p0", "p1"}, now).get(0).startsWith("10.0.1.2 dev p0 lladdr "
                + CLIENT + " REACHABLE"), neigh.list(new String[] {"p0", "p1"}, now).toString());
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.1.99"));
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.2.1"));
        assertEquals(2, sent(0).size(), "no answer for an address the appliance does not own; any of its own: yes");
    }

    @Test
    void arptablesInputCanRefuseArp() {
        assertEquals(0, h.sh("arptables -A INPUT -j DROP").exit());
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.1.1"));
        assertEquals(0, sent(0).size());
    }

    @Test
    void answersNeighbourSolicitationsWithAnAdvertisement() {
        byte[] body = new byte[16 + 8];
        System.arraycopy(Frames.addr("fd00:1::1", 16), 0, body, 0, 16);
        body[16] = 1; // source link-layer address option
        body[17] = 1;
        System.arraycopy(Frames.mac(CLIENT), 0, body, 18, 6);
        byte[] ns = Frames.ipv6("fd00:1::2", "ff02::1:ff00:1").srcMac(CLIENT).dstMac("33:33:ff:00:00:01").ttl(255)
                .icmp(135, 0).payload(body).build();
        ns[54 + 4] = 0; // reserved field (Frames writes an echo id there)
        ns[54 + 5] = 0;
        ns[54 + 6] = 0;
        ns[54 + 7] = 0;
        fixIcmp6(ns);
        in(0, ns);
        byte[] na = last(0);
        assertArrayEquals(Frames.mac(CLIENT), slice(na, 0, 6));
        assertEquals(0x86dd, u16(na, 12));
        assertEquals(255, na[21] & 0xff, "hop limit 255");
        assertArrayEquals(Frames.addr("fd00:1::1", 16), slice(na, 22, 16), "from the target address");
        assertArrayEquals(Frames.addr("fd00:1::2", 16), slice(na, 38, 16), "to the solicitor");
        assertEquals(136, na[54] & 0xff);
        assertEquals(0xe0, na[58] & 0xff, "router, solicited, override");
        assertArrayEquals(Frames.addr("fd00:1::1", 16), slice(na, 62, 16));
        assertEquals(2, na[78]);
        assertArrayEquals(Frames.mac(P0), slice(na, 80, 6), "target link-layer address: the port");
        assertEquals(0xffff, Checksums.fold(Checksums.pseudo(na, 14, false, 58, 32) + Checksums.sum(na, 54, 32)),
                "ICMPv6 checksum");
        assertTrue(neigh.list(new String[] {"p0", "p1"}, now).get(0).startsWith("fd00:1::2 dev p0 lladdr "
                + CLIENT), neigh.list(new String[] {"p0", "p1"}, now).toString());
    }

    private static void fixIcmp6(byte[] f) {
        int len = f.length - 54;
        f[56] = 0;
        f[57] = 0;
        int c = ~Checksums.fold(Checksums.pseudo(f, 14, false, 58, len) + Checksums.sum(f, 54, len)) & 0xffff;
        f[56] = (byte) (c >>> 8);
        f[57] = (byte) c;
    }

    // ---- forwarding ----

    @Test
    void forwardsWithTtlDecrementedAfterResolvingTheNextHop() {
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.1.1"));
        clear();
        byte[] f = Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac(P0).ttl(64).tcp(40000, 80).build();
        in(0, f);
        assertEquals(1, sent(1).size(), "the packet waits; an ARP request goes out on p1");
        byte[] req = last(1);
        assertEquals(0x0806, u16(req, 12));
        assertEquals(1, u16(req, 20));
        assertArrayEquals(Frames.addr("10.0.2.1", 4), slice(req, 28, 4), "asked from the port's address");
        assertArrayEquals(Frames.addr("10.0.2.2", 4), slice(req, 38, 4));
        assertEquals(1, stage.pending());
        in(1, Frames.arpReply(SERVER, "10.0.2.2", P1, "10.0.2.1"));
        stage.tick(now);
        assertEquals(0, stage.pending());
        byte[] out = last(1);
        assertArrayEquals(Frames.mac(SERVER), slice(out, 0, 6), "to the server's MAC");
        assertArrayEquals(Frames.mac(P1), slice(out, 6, 6), "from p1's MAC");
        assertEquals(63, out[22] & 0xff, "TTL decremented");
        assertEquals(0xffff, Checksums.fold(Checksums.sum(out, 14, 20)), "IPv4 header checksum still right");
        assertArrayEquals(slice(f, 34, f.length - 34), slice(out, 34, out.length - 34), "TCP untouched");
        in(0, f.clone());
        assertEquals(3, sent(1).size(), "next packet goes at once");
    }

    @Test
    void ttlDecrementMatchesAFullRecomputation() {
        java.util.Random rnd = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[20];
            rnd.nextBytes(b);
            b[0] = 0x45;
            b[8] = (byte) (2 + rnd.nextInt(254));
            if (i % 3 == 0) {
                b[9] = (byte) 0xff; // drive the sum towards the 0xffff corner
                b[8] = (byte) 0xff;
            }
            Checksums.ipv4Header(b, 0);
            RouterStage.decrementTtl(b, 0);
            assertEquals(0xffff, Checksums.fold(Checksums.sum(b, 0, 20)), "header " + i + " " + Arrays.toString(b));
        }
    }

    @Test
    void ipv6ForwardingDecrementsTheHopLimit() {
        neighboursKnown();
        learnV6(1, SERVER, "fd00:2::2");
        byte[] f = Frames.ipv6("fd00:1::2", "fd00:2::2").srcMac(CLIENT).dstMac(P0).ttl(64).udp(5000, 53).build();
        in(0, f);
        byte[] out = last(1);
        assertEquals(63, out[21] & 0xff);
        assertArrayEquals(Frames.mac(SERVER), slice(out, 0, 6));
    }

    private void learnV6(int port, String mac, String ip) {
        byte[] body = new byte[16 + 8];
        System.arraycopy(Frames.addr(ip, 16), 0, body, 0, 16);
        body[16] = 2;
        body[17] = 1;
        System.arraycopy(Frames.mac(mac), 0, body, 18, 6);
        byte[] na = Frames.ipv6(ip, port == 0 ? "fd00:1::1" : "fd00:2::1").srcMac(mac).dstMac(port == 0 ? P0 : P1)
                .ttl(255).icmp(136, 0).payload(body).build();
        fixIcmp6(na);
        NeighbourTable.Key k = new NeighbourTable.Key().set(port, Frames.addr(ip, 16), 0, 16);
        neigh.resolve(k, now); // an NA updates only what the router asked for
        in(port, na);
        assertEquals(NeighbourTable.REACHABLE, neigh.get(k, now).state);
        clear();
    }

    @Test
    void ttlOfOneGetsTimeExceededFromTheIncomingSide() {
        neighboursKnown();
        byte[] f = Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac(P0).ttl(1).udp(33434, 33434).build();
        in(0, f);
        assertEquals(0, sent(1).size(), "not forwarded");
        byte[] e = last(0);
        assertArrayEquals(Frames.mac(CLIENT), slice(e, 0, 6));
        assertArrayEquals(Frames.addr("10.0.1.1", 4), slice(e, 26, 4), "from the address on the client's side");
        assertArrayEquals(Frames.addr("10.0.1.2", 4), slice(e, 30, 4));
        assertEquals(1, e[23], "ICMP");
        assertEquals(11, e[34], "time exceeded");
        assertEquals(0, e[35]);
        assertArrayEquals(slice(f, 14, f.length - 14), slice(e, 42, f.length - 14), "the packet quoted");
        assertEquals(0xffff, Checksums.fold(Checksums.sum(e, 34, e.length - 34)), "ICMP checksum");
        assertEquals(0xffff, Checksums.fold(Checksums.sum(e, 14, 20)), "IP checksum");
    }

    @Test
    void ipv6HopLimitOneGetsTimeExceeded() {
        neighboursKnown();
        learnV6(0, CLIENT, "fd00:1::2");
        byte[] f = Frames.ipv6("fd00:1::2", "fd00:2::2").srcMac(CLIENT).dstMac(P0).ttl(1).udp(5000, 53).build();
        in(0, f);
        byte[] e = last(0);
        assertEquals(58, e[20]);
        assertEquals(3, e[54], "ICMPv6 time exceeded");
        assertArrayEquals(Frames.addr("fd00:1::1", 16), slice(e, 22, 16));
        assertEquals(0xffff, Checksums.fold(Checksums.pseudo(e, 14, false, 58, e.length - 54)
                + Checksums.sum(e, 54, e.length - 54)));
    }

    @Test
    void noRouteGetsNetUnreachable() {
        neighboursKnown();
        in(0, Frames.ipv4("10.0.1.2", "192.0.2.7").srcMac(CLIENT).dstMac(P0).tcp(1000, 80).build());
        byte[] e = last(0);
        assertEquals(3, e[34]);
        assertEquals(0, e[35], "net unreachable");
        assertEquals(1, stage.counters.get(RouterStage.NO_ROUTE));
    }

    @Test
    void tooBigWithDontFragmentGetsFragmentationNeededAndWithoutIsFragmented() {
        ports[1] = new Recorder(1, "p1", 1280);
        Worker w = new Worker(0, h.ruleset(), ports, 16);
        stage = new RouterStage(w, h.ruleset(), rt, ports, new long[] {mac(P0), mac(P1)}, neigh, () -> { });
        neighboursKnown();
        byte[] big = Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac(P0).dontFragment().udp(1, 2)
                .payload(new byte[1400]).build();
        in(0, big);
        assertEquals(0, sent(1).size());
        byte[] e = last(0);
        assertEquals(3, e[34]);
        assertEquals(4, e[35], "fragmentation needed");
        assertEquals(1280, u16(e, 40), "next-hop MTU");
        clear();
        byte[] frag = Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac(P0).udp(1, 2).payload(new byte[1400])
                .build();
        in(0, frag);
        assertEquals(2, sent(1).size(), "two fragments");
        byte[] a = sent(1).get(0);
        byte[] b = sent(1).get(1);
        assertTrue(a.length <= 1280 + 14 && b.length <= 1280 + 14);
        assertEquals(0x2000, u16(a, 20), "first: MF, offset 0");
        assertEquals((a.length - 34) / 8, u16(b, 20) & 0x1fff, "second: offset after the first");
        assertEquals(1408, a.length - 34 + b.length - 34, "all of the UDP datagram");
        assertEquals(0xffff, Checksums.fold(Checksums.sum(b, 14, 20)));
    }

    @Test
    void ipv6TooBigGetsPacketTooBig() {
        ports[1] = new Recorder(1, "p1", 1280);
        Worker w = new Worker(0, h.ruleset(), ports, 16);
        stage = new RouterStage(w, h.ruleset(), rt, ports, new long[] {mac(P0), mac(P1)}, neigh, () -> { });
        neighboursKnown();
        learnV6(0, CLIENT, "fd00:1::2");
        in(0, Frames.ipv6("fd00:1::2", "fd00:2::2").srcMac(CLIENT).dstMac(P0).udp(1, 2).payload(new byte[1400])
                .build());
        byte[] e = last(0);
        assertEquals(2, e[54], "packet too big");
        assertEquals(1280, (int) IpHeaders.u32(e, 58));
        assertTrue(e.length - 14 <= 1280, "error fits the IPv6 minimum MTU");
    }

    @Test
    void unresolvedNeighbourGivesHostUnreachableAfterThreeProbes() {
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.1.1"));
        clear();
        in(0, Frames.ipv4("10.0.1.2", "10.0.2.9").srcMac(CLIENT).dstMac(P0).tcp(1000, 80).build());
        for (int i = 0; i < 5; i++) {
            now += SECOND + 1;
            stage.tick(now);
        }
        assertEquals(3, sent(1).size(), "three ARP requests, then given up");
        byte[] e = last(0);
        assertEquals(3, e[34]);
        assertEquals(1, e[35], "host unreachable");
        assertEquals(0, stage.pending());
    }

    @Test
    void atMostThreePacketsWaitPerNeighbour() {
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.1.1"));
        for (int i = 0; i < 5; i++) {
            in(0, Frames.ipv4("10.0.1.2", "10.0.2.9").srcMac(CLIENT).dstMac(P0).udp(1000 + i, 80).build());
        }
        assertEquals(3, stage.pending());
        assertEquals(2, stage.counters.get(RouterStage.QUEUE_FULL));
    }

    @Test
    void framesForAnotherMacAreIgnored() {
        neighboursKnown();
        in(0, Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac("02:00:00:00:09:09").tcp(1, 80).build());
        assertEquals(0, sent(1).size());
        assertEquals(1, stage.counters.get(RouterStage.NOT_FOR_US));
    }

    // ---- the hooks ----

    @Test
    void forwardDropAndRejectWithTcpReset() {
        neighboursKnown();
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp --dport 80 -j DROP").exit());
        assertEquals(0, h.sh("iptables -A FORWARD -p tcp --dport 81 -j REJECT --reject-with tcp-reset").exit());
        assertEquals(0, h.sh("iptables -A FORWARD -p udp --dport 53 -j REJECT").exit());
        in(0, Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac(P0).tcp(40000, 80).flags(Frames.SYN).build());
        assertEquals(0, sent(1).size());
        assertEquals(0, sent(0).size(), "DROP answers nothing");
        in(0, Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac(P0).tcp(40000, 81).flags(Frames.SYN)
                .seq(1000).build());
        byte[] rst = last(0);
        assertArrayEquals(Frames.addr("10.0.2.2", 4), slice(rst, 26, 4), "from the server's address");
        assertEquals(81, u16(rst, 34));
        assertEquals(40000, u16(rst, 36));
        assertEquals(0x14, rst[47], "RST+ACK");
        assertEquals(1001, IpHeaders.u32(rst, 42), "acknowledges the SYN");
        assertEquals(0xffff, Checksums.fold(Checksums.pseudo(rst, 14, true, 6, 20) + Checksums.sum(rst, 34, 20)));
        in(0, Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac(P0).udp(5353, 53).build());
        byte[] unreach = last(0);
        assertEquals(3, unreach[34]);
        assertEquals(3, unreach[35], "REJECT's default: port unreachable");
        String listed = h.sh("iptables -S FORWARD -v").out();
        assertTrue(listed.contains("--dport 80 -c 1 "), listed);
        assertEquals(0, sent(1).size());
    }

    @Test
    void pingToTheApplianceGoesThroughInputAndTheReplyThroughOutput() {
        neighboursKnown();
        byte[] ping = Frames.ipv4("10.0.1.2", "10.0.1.1").srcMac(CLIENT).dstMac(P0).icmp(8, 0).payload("abcdefgh")
                .build();
        in(0, ping);
        byte[] r = last(0);
        assertArrayEquals(Frames.addr("10.0.1.1", 4), slice(r, 26, 4));
        assertArrayEquals(Frames.addr("10.0.1.2", 4), slice(r, 30, 4));
        assertEquals(0, r[34], "echo reply");
        assertArrayEquals(slice(ping, 38, ping.length - 38), slice(r, 38, r.length - 38), "id, sequence, data");
        assertEquals(0xffff, Checksums.fold(Checksums.sum(r, 34, r.length - 34)));
        clear();
        assertEquals(0, h.sh("iptables -A OUTPUT -p icmp -j DROP").exit());
        in(0, ping);
        assertEquals(0, sent(0).size(), "OUTPUT drops the reply");
        assertEquals(0, h.sh("iptables -F OUTPUT").exit());
        assertEquals(0, h.sh("iptables -A INPUT -p icmp -j DROP").exit());
        in(0, ping);
        assertEquals(0, sent(0).size(), "INPUT drops the request");
        String listed = h.sh("iptables -S INPUT -v").out();
        assertTrue(listed.matches("(?s).*-A INPUT -p icmp -c 1 [0-9]+ -j DROP\n.*"), listed);
        assertEquals(0, h.sh("iptables -F INPUT").exit());
        // the address on the other port answers too, from the client's side
        in(0, Frames.ipv4("10.0.1.2", "10.0.2.1").srcMac(CLIENT).dstMac(P0).icmp(8, 0).build());
        assertArrayEquals(Frames.addr("10.0.2.1", 4), slice(last(0), 26, 4));
    }

    @Test
    void ipv6PingToTheAppliance() {
        neighboursKnown();
        learnV6(0, CLIENT, "fd00:1::2");
        byte[] ping = Frames.ipv6("fd00:1::2", "fd00:1::1").srcMac(CLIENT).dstMac(P0).icmp(128, 0).payload("xyz")
                .build();
        in(0, ping);
        byte[] r = last(0);
        assertEquals(129, r[54] & 0xff);
        assertArrayEquals(Frames.addr("fd00:1::1", 16), slice(r, 22, 16));
        assertEquals(0xffff, Checksums.fold(Checksums.pseudo(r, 14, false, 58, r.length - 54)
                + Checksums.sum(r, 54, r.length - 54)));
    }

    @Test
    void tcpToTheApplianceIsResetAndUdpGetsPortUnreachable() {
        neighboursKnown();
        in(0, Frames.ipv4("10.0.1.2", "10.0.1.1").srcMac(CLIENT).dstMac(P0).tcp(5555, 22).flags(Frames.SYN).build());
        assertEquals(0x14, last(0)[47]);
        in(0, Frames.ipv4("10.0.1.2", "10.0.1.1").srcMac(CLIENT).dstMac(P0).udp(5555, 161).build());
        assertEquals(3, last(0)[34]);
        assertEquals(3, last(0)[35]);
    }

    @Test
    void icmpErrorsAreRateLimited() {
        neighboursKnown();
        for (int i = 0; i < 200; i++) {
            in(0, Frames.ipv4("10.0.1.2", "192.0.2.7").srcMac(CLIENT).dstMac(P0).udp(1000, 53).build());
        }
        assertEquals(50, sent(0).size(), "the burst");
        assertEquals(150, stage.counters.get(RouterStage.ICMP_LIMITED));
        now += 10_000_000L;
        in(0, Frames.ipv4("10.0.1.2", "192.0.2.7").srcMac(CLIENT).dstMac(P0).udp(1000, 53).build());
        assertEquals(51, sent(0).size(), "one more token after 10 ms at 1000/s");
    }

    @Test
    void noErrorAboutAnError() {
        neighboursKnown();
        in(0, Frames.ipv4("10.0.1.2", "192.0.2.7").srcMac(CLIENT).dstMac(P0).icmp(3, 1).build());
        assertEquals(0, sent(0).size());
    }

    @Test
    void staticRouteThroughAGateway() {
        neighboursKnown();
        in(0, Frames.ipv4("10.0.1.2", "10.9.3.4").srcMac(CLIENT).dstMac(P0).tcp(1, 80).build());
        byte[] out = last(1);
        assertArrayEquals(Frames.mac(SERVER), slice(out, 0, 6), "the gateway's MAC");
        assertArrayEquals(Frames.addr("10.9.3.4", 4), slice(out, 30, 4));
    }

    @Test
    void routesAndAddressesChangeWhileRunning() {
        neighboursKnown();
        rt.addRoute(RouterSettings.parseRoute("blackhole 10.0.2.128/25", rt.addresses()));
        in(0, Frames.ipv4("10.0.1.2", "10.0.2.200").srcMac(CLIENT).dstMac(P0).tcp(1, 80).build());
        assertEquals(0, sent(1).size());
        assertEquals(0, sent(0).size(), "blackhole: silent");
        rt.addAddress(RouterSettings.parseAddress("10.0.1.254/24 dev p0"));
        in(0, Frames.arpRequest(CLIENT, "10.0.1.2", "10.0.1.254"));
        assertEquals(1, sent(0).size(), "the new address is answered for");
    }

    @Test
    void ip6tablesRejectAnswersWithItsIcmpv6Type() {
        neighboursKnown();
        learnV6(0, CLIENT, "fd00:1::2");
        learnV6(1, SERVER, "fd00:2::2");
        assertEquals(0, h.sh("ip6tables -A FORWARD -p udp --dport 53 -j REJECT --reject-with icmp6-adm-prohibited")
                .exit());
        in(0, Frames.ipv6("fd00:1::2", "fd00:2::2").srcMac(CLIENT).dstMac(P0).udp(5000, 53).build());
        assertEquals(0, sent(1).size());
        byte[] e = last(0);
        assertEquals(1, e[54], "destination unreachable");
        assertEquals(1, e[55], "administratively prohibited");
        assertArrayEquals(Frames.addr("fd00:1::1", 16), slice(e, 22, 16));
    }

    @Test
    void theAppliancesOwnErrorsGoThroughOutput() {
        neighboursKnown();
        assertEquals(0, h.sh("iptables -A OUTPUT -p icmp --icmp-type time-exceeded -j DROP").exit());
        in(0, Frames.ipv4("10.0.1.2", "10.0.2.2").srcMac(CLIENT).dstMac(P0).ttl(1).udp(1, 2).build());
        assertEquals(0, sent(0).size());
        assertTrue(h.sh("iptables -S OUTPUT -v").out().contains("-c 1 "), h.sh("iptables -S OUTPUT -v").out());
    }
}
