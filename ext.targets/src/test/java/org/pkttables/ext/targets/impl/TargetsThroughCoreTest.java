package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.RejectCodes;
import org.pkttables.api.Verdict;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;
import org.pkttables.tables.testing.Packets;

/** Frames through the real core and L3 handlers: MARK and LOG go on, REJECT ends with DROP and a code. */
class TargetsThroughCoreTest {
    private final List<String> logged = new ArrayList<>();
    private final Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new RejectTargetType(),
            new Reject6TargetType(), new MarkTargetType(), new LogTargetType((level, line) -> logged.add(line)));

    private void sh(String line) {
        assertEquals(0, h.sh(line).exit(), () -> h.sh(line).err());
    }

    @Test
    void markLogThenRejectTcpWithReset() {
        sh("iptables -A INPUT -j MARK --set-mark 0x2a");
        sh("iptables -A INPUT -j LOG --log-prefix 'in: '");
        sh("iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset");
        int v = h.inject(Family.IPV4, Hook.INPUT, Packets.ipv4(6, Packets.tcp(1234, 22, 0x02)), "eth0", null);
        assertEquals(Verdict.DROP, v);
        assertEquals(RejectCodes.TCP_RESET, h.last().rejectWith());
        assertEquals(0x2a, h.last().mark());
        assertEquals(1, logged.size());
        assertTrue(logged.get(0).startsWith("in: IN=eth0 OUT= MAC="), logged.get(0));
        assertTrue(logged.get(0).endsWith("PROTO=TCP SPT=1234 DPT=22 WINDOW=65535 RES=0x00 SYN URGP=0 MARK=0x2a"),
                logged.get(0));
    }

    @Test
    void udpGetsTheDefaultIcmpError() {
        sh("iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset");
        sh("iptables -A INPUT -j REJECT");
        assertEquals(Verdict.DROP, h.inject(Family.IPV4, Hook.INPUT, Packets.ipv4(17, Packets.udp(1, 53)), "eth0", null));
        assertEquals(RejectCodes.ICMP_PORT_UNREACHABLE, h.last().rejectWith());
    }

    @Test
    void ipv6RejectAndMarkMasks() {
        sh("ip6tables -A FORWARD -j MARK --or-mark 0x100");
        sh("ip6tables -A FORWARD -j MARK --and-mark 0x1ff");
        sh("ip6tables -A FORWARD -j REJECT --reject-with adm-prohibited");
        int v = h.inject(Family.IPV6, Hook.FORWARD, Packets.ipv6(17, Packets.udp(1, 53)), "eth0", "eth1");
        assertEquals(Verdict.DROP, v);
        assertEquals(RejectCodes.ICMP6_ADM_PROHIBITED, h.last().rejectWith());
        assertEquals(0x100, h.last().mark());
    }
}
