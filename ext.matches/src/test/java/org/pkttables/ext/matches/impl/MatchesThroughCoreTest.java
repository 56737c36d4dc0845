package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;
import org.pkttables.tables.testing.Packets;

/** Frames through the real core and L3 handlers: the verdicts the matches lead to. */
class MatchesThroughCoreTest {
    private final Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(),
            new UdpMatchType(), new IcmpMatchType(), new Icmp6MatchType(), new MacMatchType(), new MarkMatchType(),
            new CommentMatchType(), new MultiportMatchType());

    private void sh(String line) {
        assertEquals(0, h.sh(line).exit(), () -> h.sh(line).err());
    }

    private int in4(byte[] frame) {
        return h.inject(Family.IPV4, Hook.INPUT, frame, "eth0", null);
    }

    @Test
    void sshSynDroppedOthersAccepted() {
        sh("iptables -A INPUT -p tcp --dport 22 --syn -m comment --comment 'no new ssh' -j DROP");
        assertEquals(Verdict.DROP, in4(Packets.ipv4(6, Packets.tcp(40000, 22, TcpFlags.SYN))));
        assertEquals(Verdict.ACCEPT, in4(Packets.ipv4(6, Packets.tcp(40000, 22, TcpFlags.ACK))));
        assertEquals(Verdict.ACCEPT, in4(Packets.ipv4(6, Packets.tcp(40000, 80, TcpFlags.SYN))));
        assertEquals(Verdict.ACCEPT, in4(Packets.ipv4(17, Packets.udp(40000, 22))));
    }

    @Test
    void icmpMacAndUdp() {
        sh("iptables -A INPUT -p icmp --icmp-type echo-request -j DROP");
        sh("iptables -A INPUT -m mac ! --mac-source 42:01:02:03:04:05 -j DROP");
        sh("iptables -A INPUT -p udp ! --dport 53 -j DROP");
        assertEquals(Verdict.DROP, in4(Packets.ipv4(1, Packets.icmp(8, 0))));
        assertEquals(Verdict.ACCEPT, in4(Packets.ipv4(1, Packets.icmp(0, 0))));
        assertEquals(Verdict.ACCEPT, in4(Packets.ipv4(17, Packets.udp(1, 53))));
        assertEquals(Verdict.DROP, in4(Packets.ipv4(17, Packets.udp(1, 54))));
        byte[] other = Packets.ipv4(17, Packets.udp(1, 53));
        other[11] = 6;
        assertEquals(Verdict.DROP, in4(other));
    }

    @Test
    void icmp6NeighbourDiscoveryAllowedRestDropped() {
        sh("ip6tables -P INPUT DROP");
        sh("ip6tables -A INPUT -p ipv6-icmp -m icmp6 --icmpv6-type neighbour-solicitation -j ACCEPT");
        assertEquals(Verdict.ACCEPT, h.inject(Family.IPV6, Hook.INPUT, Packets.ipv6(58, Packets.icmp(135, 0)), "eth0", null));
        assertEquals(Verdict.DROP, h.inject(Family.IPV6, Hook.INPUT, Packets.ipv6(58, Packets.icmp(128, 0)), "eth0", null));
    }

    /**
     * A port that is no number and no service of /etc/services, or out of range, is a parameter problem in
     * iptables 1.8.9's words (exit 2), wherever it is in the list or range; service names as fail2ban's
     * iptables-multiport action passes them ({@code --dports ssh}) are ports.
     */
    @Test
    void badPortsAreIptablesParameterProblemsAndServiceNamesArePorts() {
        sh("iptables -A FORWARD -p tcp -m multiport --dports ssh -j DROP");
        sh("iptables -C FORWARD -p tcp -m multiport --dports 22 -j DROP");
        sh("iptables -A FORWARD -p tcp --dport ssh -j DROP");
        assertEquals("-P FORWARD ACCEPT\n-A FORWARD -p tcp -m multiport --dports 22 -j DROP\n"
                + "-A FORWARD -p tcp -m tcp --dport 22 -j DROP\n", h.sh("iptables -S FORWARD").out());
        String[][] cases = {
            { "-A FORWARD -p tcp --dport nosuch -j DROP", "nosuch" },
            { "-A FORWARD -p tcp --dport 70000 -j DROP", "70000" },
            { "-A FORWARD -p tcp --sport 1:nosuch -j DROP", "nosuch" },
            { "-A FORWARD -p tcp -m multiport --dports 1:nosuch -j DROP", "nosuch" },
            { "-A FORWARD -p tcp -m multiport --dports 70000 -j DROP", "70000" },
            { "-A FORWARD -p tcp -m multiport --ports ssh,nosuch -j DROP", "nosuch" },
            { "-C FORWARD -p tcp -m multiport --dports nosuch -j DROP", "nosuch" },
            { "-D FORWARD -p udp -m multiport --dports nosuch -j DROP", "nosuch" },
        };
        for (String[] c : cases) {
            org.pkttables.api.CommandFrontend.Result r = h.sh("iptables " + c[0]);
            assertEquals("2 iptables v1.8.9 (nf_tables): invalid port/service `" + c[1] + "' specified\n"
                    + "Try `iptables -h' or 'iptables --help' for more information.\n", r.exit() + " " + r.err(), c[0]);
        }
    }
}
