package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.tables.testing.ExtArgs;
import org.pkttables.tables.testing.Packets;

/** The three family-independent matches: mac, mark and comment. */
class MacMarkCommentTest {
    private final MacMatchType mac = new MacMatchType();
    private final MarkMatchType mark = new MarkMatchType();
    private final CommentMatchType comment = new CommentMatchType();

    private static Match compile(MatchType t, String line) {
        return t.compile(t.canonicalize(ExtArgs.parse(t.descriptor(), Family.IPV4, -1, line)));
    }

    private static String listed(MatchType t, String line) {
        return ExtArgs.text(t.descriptor(), t.canonicalize(ExtArgs.parse(t.descriptor(), Family.IPV4, -1, line)));
    }

    private static PacketContext frame() {
        return Packets.ctx4(Packets.ipv4(17, Packets.udp(1, 2)));
    }

    @Test
    void macListsLowerCaseAndMatchesTheSource() {
        assertEquals("--mac-source 42:01:02:03:04:0a", listed(mac, "--mac-source 42:1:2:3:4:A"));
        assertTrue(compile(mac, "--mac-source 42:01:02:03:04:05").matches(frame()));
        assertFalse(compile(mac, "--mac-source 42:01:02:03:04:06").matches(frame()));
        assertTrue(compile(mac, "! --mac-source 42:01:02:03:04:06").matches(frame()));
        assertFalse(compile(mac, "! --mac-source 42:01:02:03:04:05").matches(frame()));
        assertThrows(IllegalArgumentException.class, () -> compile(mac, "--mac-source 42:01:02:03:04"));
    }

    @Test
    void macNeverMatchesWithoutAWholeEthernetHeader() {
        PacketContext noL2 = new PacketContext().reset(new byte[40], 0, 40);
        assertFalse(compile(mac, "! --mac-source 42:01:02:03:04:06").matches(noL2));
        byte[] f = Packets.ipv4(17, Packets.udp(1, 2));
        for (int len = 0; len < 14; len++) {
            assertFalse(compile(mac, "! --mac-source 42:01:02:03:04:06").matches(Packets.ctx4(f, len)));
        }
    }

    @Test
    void macOnlyWhereFramesHaveTheirHeader() {
        assertEquals(EnumSet.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD), mac.descriptor().hooks());
        assertEquals(EnumSet.allOf(Family.class), mac.descriptor().families());
    }

    @Test
    void markValueAndMask() {
        assertEquals("--mark 0x8", listed(mark, "--mark 010"));
        assertEquals("! --mark 0x1/0xff", listed(mark, "! --mark 1/255"));
        PacketContext p = frame();
        p.setMark(0xfeedcafe);
        assertTrue(compile(mark, "--mark 0xfeedcafe").matches(p));
        assertTrue(compile(mark, "--mark 0xfe/0xff").matches(p));
        assertFalse(compile(mark, "--mark 0xfe").matches(p));
        assertTrue(compile(mark, "! --mark 0xfe").matches(p));
        assertTrue(compile(mark, "--mark 0x0/0x0").matches(p));
        assertFalse(compile(mark, "--mark 5/0").matches(p), "(mark & 0) can never be 5");
        assertThrows(IllegalArgumentException.class, () -> compile(mark, "--mark 4294967296"));
        assertThrows(IllegalArgumentException.class, () -> compile(mark, "--mark /2"));
    }

    @Test
    void commentKeepsTextAndMatchesEverything() {
        assertEquals("--comment a b", listed(comment, "--comment 'a b'"));
        assertTrue(comment.descriptor().param("--comment").type().quoted());
        assertTrue(compile(comment, "--comment x").matches(new PacketContext().reset(new byte[0], 0, 0)));
        String b255 = "x".repeat(255);
        assertEquals("--comment " + b255, listed(comment, "--comment " + b255));
        // The .t suite wants 256 refused; iptables-nft 1.8.9 takes it.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(comment, "--comment " + "x".repeat(256)));
        assertTrue(e.getMessage().contains("256 bytes"), e.getMessage());
        // bytes, not characters: 128 two-byte characters do not fit
        assertThrows(IllegalArgumentException.class, () -> compile(comment, "--comment " + "ä".repeat(128)));
    }
}
