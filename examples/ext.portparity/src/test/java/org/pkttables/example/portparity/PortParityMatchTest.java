package org.pkttables.example.portparity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;

class PortParityMatchTest {
    private final PortParityMatch type = new PortParityMatch();

    /** A packet whose L4 header starts at byte 20 with the given source port (offsets set by hand). */
    private static PacketContext packet(int sport, int fragOffset) {
        byte[] b = new byte[28];
        b[20] = (byte) (sport >>> 8);
        b[21] = (byte) sport;
        PacketContext p = new PacketContext(0).reset(b, 0, b.length);
        p.setL3(0, 0x0800);
        p.setL4(20, 17);
        p.setFragment(fragOffset != 0, fragOffset);
        return p;
    }

    private Match compile(int proto, PortParityMatch.Parity parity, boolean invert) {
        return type.compile(Args.builder(Family.IPV4, "filter").protocol(proto, false)
                .put(PortParityMatch.SPORT_PARITY, parity, invert).build());
    }

    @Test
    void oddMatchesOddSourcePortsOnly() {
        Match odd = compile(17, PortParityMatch.Parity.ODD, false);
        assertTrue(odd.matches(packet(5353, 0)));
        assertFalse(odd.matches(packet(5354, 0)));
    }

    @Test
    void invertedEvenBehavesLikeOdd() {
        Match notEven = compile(6, PortParityMatch.Parity.EVEN, true);
        assertTrue(notEven.matches(packet(1025, 0)));
        assertFalse(notEven.matches(packet(1024, 0)));
    }

    @Test
    void laterFragmentsAndTruncatedHeadersNeverMatch() {
        Match odd = compile(17, PortParityMatch.Parity.ODD, false);
        assertFalse(odd.matches(packet(5353, 1480)));
        PacketContext truncated = packet(5353, 0);
        truncated.setL4(27, 17);
        assertFalse(odd.matches(truncated));
    }

    @Test
    void rulesWithoutTcpOrUdpAreRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(1, PortParityMatch.Parity.ODD, false));
        assertTrue(e.getMessage().contains("-p tcp"), e.getMessage());
    }

    @Test
    void parityIsListedByName() {
        assertEquals(List.of("odd"), PortParityMatch.SPORT_PARITY.type().format(PortParityMatch.Parity.ODD));
        assertEquals(PortParityMatch.Parity.EVEN, PortParityMatch.SPORT_PARITY.type().parse(List.of("EVEN")));
    }
}
