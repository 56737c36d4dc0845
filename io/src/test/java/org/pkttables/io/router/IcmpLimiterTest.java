package org.pkttables.io.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The token bucket, driven with explicit clock values (no sleeping). */
class IcmpLimiterTest {
    @Test
    void burstThenTheRate() {
        IcmpLimiter l = new IcmpLimiter(1000, 50);
        long t = 5_000_000_000L;
        int n = 0;
        for (int i = 0; i < 100; i++) {
            if (l.allow(t)) {
                n++;
            }
        }
        assertEquals(50, n);
        assertFalse(l.allow(t + 500_000));
        assertTrue(l.allow(t + 1_000_000), "one per millisecond");
        assertFalse(l.allow(t + 1_000_000));
        int later = 0;
        for (int i = 0; i < 100; i++) {
            if (l.allow(t + 10_000_000_000L)) {
                later++;
            }
        }
        assertEquals(50, later, "credit is capped at the burst");
    }
}
