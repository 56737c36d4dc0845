package org.pkttables.example.faulty;

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
}
