package org.pkttables.example.faulty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;

/** The broken match does what the fault tests rely on: it throws for its port and matches the rest. */
class FaultyMatchTest {
    /** A packet whose L4 header (protocol {@code proto}) starts at byte 20, to {@code dport}. */
    private static PacketContext packet(int proto, int dport) {
        byte[] b = new byte[28];
        b[22] = (byte) (dport >>> 8);
        b[23] = (byte) dport;
        PacketContext p = new PacketContext(0).reset(b, 0, b.length);
        p.setL3(0, 0x0800);
        p.setL4(20, proto);
        return p;
    }

    @Test
    void throwsForItsPortOnly() {
        Match m = new FaultyMatch().compile(Args.builder(Family.IPV4, "filter")
                .put(FaultyMatch.THROW_DPORT, 5202L, false).build());
        assertTrue(m.matches(packet(6, 5201)));
        assertTrue(m.matches(packet(1, 5202)), "not TCP or UDP: no port");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.matches(packet(6, 5202)));
        assertTrue(e.getMessage().contains("5202"));
        assertThrows(IllegalStateException.class, () -> m.matches(packet(17, 5202)));
    }

    @Test
    void stallHoldsOnlyItsPort() {
        Match m = new StallMatch().compile(Args.builder(Family.IPV4, "filter")
                .put(StallMatch.STALL_DPORT, 5202L, false).put(StallMatch.STALL_SECONDS, 0L, false).build());
        assertTrue(StallMatch.isFor(packet(17, 5202), 5202));
        assertTrue(StallMatch.isFor(packet(6, 5202), 5202));
        assertFalse(StallMatch.isFor(packet(6, 5201), 5202));
        assertFalse(StallMatch.isFor(packet(1, 5202), 5202), "not TCP or UDP: no port");
        assertTrue(m.matches(packet(17, 5202)), "after its hold (0 s here) it matches");
        assertTrue(m.matches(packet(6, 5201)));
    }
}
