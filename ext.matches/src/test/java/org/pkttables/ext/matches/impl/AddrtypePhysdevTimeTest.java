package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

class AddrtypePhysdevTimeTest {
    private static PacketContext v4(int srcFirst, int dstFirst, int dstLast) {
        byte[] f = Packets.ipv4(17, Packets.udp(1, 2));
        f[Packets.ETH + 12] = (byte) srcFirst;
        if (srcFirst == 0) {
            f[Packets.ETH + 15] = 0;
        }
        f[Packets.ETH + 16] = (byte) dstFirst;
        f[Packets.ETH + 19] = (byte) dstLast;
        if (dstFirst == 255) {
            f[Packets.ETH + 17] = f[Packets.ETH + 18] = (byte) 255;
        }
        return Packets.ctx4(f);
    }

    @Test
    void addrtypeFromTheAddress() {
        AddrtypeMatchType t = new AddrtypeMatchType();
        assertTrue(Compiled.v4(t, "--src-type UNICAST --dst-type UNICAST").matches(v4(10, 10, 2)));
        assertTrue(Compiled.v4(t, "--dst-type MULTICAST").matches(v4(10, 239, 1)));
        assertTrue(Compiled.v4(t, "--dst-type BROADCAST").matches(v4(10, 255, 255)));
        assertTrue(Compiled.v4(t, "--src-type LOCAL").matches(v4(127, 10, 2)));
        assertTrue(Compiled.v4(t, "! --src-type LOCAL,MULTICAST").matches(v4(10, 10, 2)));
        assertTrue(Compiled.v4(t, "--src-type UNSPEC").matches(v4(0, 10, 2)));
        assertFalse(Compiled.v4(t, "--dst-type BLACKHOLE,ANYCAST").matches(v4(10, 10, 2)));
        // Packets.ipv6: fe80::1 -> fe80::2
        PacketContext p6 = Packets.ctx6(Packets.ipv6(17, Packets.udp(1, 2)));
        assertTrue(Compiled.v6(t, "--src-type UNICAST").matches(p6));
        assertFalse(Compiled.v6(t, "--dst-type MULTICAST,LOCAL").matches(p6));
        assertFalse(Compiled.v4(t, "! --dst-type LOCAL").matches(Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)),
                Packets.ETH + 19)), "address cut short");
    }

    @Test
    void physdevUsesTheInterfaces() {
        PhysdevMatchType t = new PhysdevMatchType();
        PacketContext p = Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)));
        p.setInIface("eth0");
        assertTrue(Compiled.v4(t, "--physdev-in eth0").matches(p));
        assertTrue(Compiled.v4(t, "--physdev-in eth+").matches(p));
        assertFalse(Compiled.v4(t, "--physdev-in eth1").matches(p));
        assertTrue(Compiled.v4(t, "--physdev-is-in ! --physdev-is-out").matches(p));
        assertFalse(Compiled.v4(t, "--physdev-out eth1").matches(p));
        assertTrue(Compiled.v4(t, "! --physdev-out eth1").matches(p));
        assertFalse(Compiled.v4(t, "--physdev-is-bridged").matches(p), "nothing is bridged here");
        assertTrue(Compiled.v4(t, "! --physdev-is-bridged").matches(p));
    }

    private final AtomicLong now = new AtomicLong();
    private final TimeMatchType time = new TimeMatchType(now::get);

    private void at(String isoUtc) {
        now.set(java.time.LocalDateTime.parse(isoUtc).toEpochSecond(ZoneOffset.UTC) * 1000);
    }

    @Test
    void timeWindowsDaysAndDates() {
        Match office = Compiled.v4(time, "--timestart 09:00 --timestop 17:00 --weekdays Mon,Tue,Wed,Thu,Fri");
        PacketContext p = Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)));
        at("2024-05-06T09:00:00"); // a Monday
        assertTrue(office.matches(p));
        at("2024-05-06T17:00:01");
        assertFalse(office.matches(p));
        at("2024-05-05T12:00:00"); // Sunday
        assertFalse(office.matches(p));
        Match night = Compiled.v4(time, "--timestart 22:00 --timestop 02:00 --weekdays Fri");
        Match nightC = Compiled.v4(time, "--timestart 22:00 --timestop 02:00 --weekdays Fri --contiguous");
        at("2024-05-11T01:00:00"); // Saturday, 1 a.m.: Friday night with --contiguous
        assertFalse(night.matches(p));
        assertTrue(nightC.matches(p));
        at("2024-05-10T23:00:00");
        assertTrue(night.matches(p));
        Match dates = Compiled.v4(time, "--datestart 2024-01-01 --datestop 2024-12-31T23:59:59 --monthdays 29");
        at("2024-02-29T12:00:00");
        assertTrue(dates.matches(p));
        at("2024-03-01T12:00:00");
        assertFalse(dates.matches(p));
        at("2025-03-29T12:00:00");
        assertFalse(dates.matches(p), "after --datestop");
        Match notSaturday = Compiled.v4(time, "! --weekdays Sat");
        assertFalse(notSaturday.matches(p), "2025-03-29 is a Saturday");
        at("2025-03-30T00:00:00");
        assertTrue(notSaturday.matches(p));
    }

    @Test
    void dayOfMonthAgreesWithJavaTime() {
        for (long d = -1000; d < 80000; d += 7) {
            assertEquals(LocalDate.ofEpochDay(d).getDayOfMonth(), TimeMatch.dayOfMonth(d), "day " + d);
        }
    }
}
