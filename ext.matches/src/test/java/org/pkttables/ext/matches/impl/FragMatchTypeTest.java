package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.tables.testing.Packets;

class FragMatchTypeTest {
    private final FragMatchType type = new FragMatchType();

    /** IPv6 with hop-by-hop options, then a fragment header, then 8 bytes of UDP. */
    static byte[] fragment(long id, int offsetBytes, boolean more, int reserved) {
        byte[] ext = new byte[8 + 8 + 8];
        ext[0] = 44; // hop-by-hop: next is fragment, length 0 (8 bytes)
        ext[8] = 17;
        ext[9] = (byte) reserved;
        int off = offsetBytes | (more ? 1 : 0);
        ext[10] = (byte) (off >> 8);
        ext[11] = (byte) off;
        ext[12] = (byte) (id >> 24);
        ext[13] = (byte) (id >> 16);
        ext[14] = (byte) (id >> 8);
        ext[15] = (byte) id;
        return Packets.ipv6(0, ext);
    }

    private static PacketContext ctx(byte[] f) {
        return Packets.ctx6(f);
    }

    @Test
    void matchesIdRangeAndFlags() {
        byte[] first = fragment(0xfffffff0L, 0, true, 0);
        byte[] last = fragment(7, 1480, false, 0);
        assertTrue(Compiled.v6(type, "").matches(ctx(first)));
        assertTrue(Compiled.v6(type, "--fragid 0xffffff00:").matches(ctx(first)), "ids compare unsigned");
        assertFalse(Compiled.v6(type, "--fragid 0xffffff00:").matches(ctx(last)));
        assertTrue(Compiled.v6(type, "! --fragid 8:").matches(ctx(last)));
        assertTrue(Compiled.v6(type, "--fragfirst --fragmore").matches(ctx(first)));
        assertFalse(Compiled.v6(type, "--fragfirst").matches(ctx(last)));
        assertTrue(Compiled.v6(type, "--fraglast").matches(ctx(last)));
        assertFalse(Compiled.v6(type, "--fraglast").matches(ctx(first)));
        assertTrue(Compiled.v6(type, "--fragres").matches(ctx(last)), "--fragres: reserved fields zero");
        assertFalse(Compiled.v6(type, "--fragres").matches(ctx(fragment(7, 1480, false, 1))));
        assertFalse(Compiled.v6(type, "--fragres").matches(ctx(fragment(7, 1480 | 2, false, 0))));
        assertTrue(Compiled.v6(type, "--fraglen 99").matches(ctx(last)), "the kernel ignores --fraglen");
    }

    @Test
    void noFragmentHeaderOrTruncatedNeverMatches() {
        Match any = Compiled.v6(type, "! --fragid 5");
        assertFalse(any.matches(ctx(Packets.ipv6(17, Packets.udp(1, 2)))));
        byte[] f = fragment(1, 0, true, 0);
        for (int len = 0; len < Packets.ETH + Packets.IP6 + 16; len++) {
            assertFalse(any.matches(Packets.ctx6(f, len)), "cut at " + len);
        }
        assertTrue(any.matches(Packets.ctx6(f, Packets.ETH + Packets.IP6 + 16)));
    }

    @Test
    void moreAndLastExcludeEachOther() {
        assertThrows(IllegalArgumentException.class, () -> Compiled.v6(type, "--fragmore --fraglast"));
    }
}
