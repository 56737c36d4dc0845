package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

/** mh: the mobility header type of IPv6 packets with next header 135. */
class MhMatchTest {
    private final MhMatchType type = new MhMatchType();

    private static PacketContext mh(int payloadProto, int mhType) {
        byte[] h = new byte[8];
        h[0] = (byte) payloadProto;
        h[2] = (byte) mhType;
        return Packets.ctx6(Packets.ipv6(135, h));
    }

    @Test
    void typeRangeAndInversion() {
        Match bu = Compiled.match(type, Family.IPV6, 135, "--mh-type bu");
        assertTrue(bu.matches(mh(59, 5)));
        assertFalse(bu.matches(mh(59, 6)));
        Match notRange = Compiled.match(type, Family.IPV6, 135, "! --mh-type 1:4");
        assertTrue(notRange.matches(mh(59, 0)));
        assertFalse(notRange.matches(mh(59, 4)));
        assertTrue(notRange.matches(mh(59, 5)));
    }

    @Test
    void payloadProtocolMustBeNone() {
        Match any = Compiled.match(type, Family.IPV6, 135, "");
        assertTrue(any.matches(mh(59, 5)));
        assertFalse(any.matches(mh(6, 5)), "the kernel drops a mobility header that carries a payload");
    }

    @Test
    void truncatedHeaderDoesNotMatch() {
        PacketContext p = Packets.ctx6(Packets.ipv6(135, new byte[] {59, 0}));
        assertFalse(Compiled.match(type, Family.IPV6, 135, "").matches(p));
    }

    @Test
    void needsProtocolMh() {
        assertThrows(IllegalArgumentException.class, () -> Compiled.match(type, Family.IPV6, 17, "--mh-type 1"));
    }
}
