package org.pkttables.ext.targets.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The LOG target's ring: order, overwrite with counted drops, followers of their own, many writers. */
class LogRingTest {
    @Test
    void linesComeOutInOrderWithTheirSequence() throws InterruptedException {
        LogRing r = new LogRing(8);
        r.publish(4, "a");
        r.publish(7, "b");
        LogRing.Entry a = r.take(0, TimeUnit.SECONDS);
        assertEquals(0, a.sequence());
        assertEquals(4, a.level());
        assertEquals("a", a.line());
        assertEquals("b", r.takeNow().line());
        assertNull(r.takeNow());
        assertNull(r.take(0, TimeUnit.SECONDS));
        assertEquals(2, r.published());
        assertEquals(0, r.dropped());
    }

    @Test
    void aFullRingOverwritesItsOldestAndTheDeliveryCountsWhatItLost() {
        LogRing r = new LogRing(3); // rounded up to 4
        assertEquals(4, r.capacity());
        for (int i = 0; i < 10; i++) {
            r.publish(6, "line " + i);
        }
        assertEquals(4, r.backlog());
        List<String> got = new ArrayList<>();
        for (LogRing.Entry e; (e = r.takeNow()) != null;) {
            got.add(e.line());
        }
        assertEquals(List.of("line 6", "line 7", "line 8", "line 9"), got);
        assertEquals(6, r.dropped());
        assertEquals(0, r.backlog());
    }

    @Test
    void followersReadOnTheirOwnAndTakeNothingAway() {
        LogRing r = new LogRing(4);
        r.publish(6, "before");
        LogRing.Reader live = r.follow();
        r.publish(6, "after");
        assertEquals("after", live.poll().line());
        assertNull(live.poll());
        assertEquals("before", r.takeNow().line(), "the delivery still has every line");
        for (int i = 0; i < 6; i++) {
            r.publish(6, "more " + i);
        }
        LogRing.Reader fromStart = r.follow(0);
        assertEquals("more 2", fromStart.poll().line());
        assertEquals(4, fromStart.missed());
        assertEquals(5, fromStart.position(), "the next line it reads");
    }

    @Test
    void manyWritersLoseNothingWhileTheRingHasRoom() throws InterruptedException {
        int writers = 4;
        int each = 20_000;
        LogRing r = new LogRing(writers * each);
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads.add(new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    r.publish(id, Integer.toString(i));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        int[] next = new int[writers];
        for (long seq = 0; seq < (long) writers * each; seq++) {
            LogRing.Entry e = r.takeNow();
            assertEquals(seq, e.sequence());
            assertEquals(next[e.level()]++, Integer.parseInt(e.line()), "each writer's lines in its order");
        }
        assertNull(r.takeNow());
        assertEquals(0, r.dropped());
        for (int n : next) {
            assertEquals(each, n);
        }
    }

    @Test
    void aCapacityOutOfRangeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LogRing(1));
        assertEquals("log ring capacity 1 is not 2..1048576", e.getMessage());
    }

    @Test
    void aRateAdmitsABurstOfItsCapacityThenCountsTheRest() throws InterruptedException {
        LogRing r = new LogRing(8, 100); // 10 ms per line, a burst of 8
        int admitted = 0;
        for (int i = 0; i < 1000; i++) {
            if (r.admit()) {
                admitted++;
            }
        }
        assertTrue(admitted >= 8 && admitted <= 10, "a burst of the capacity: " + admitted);
        assertEquals(1000 - admitted, r.overRate());
        assertEquals(100, r.rate());
        Thread.sleep(50);
        assertTrue(r.admit(), "the rate refills");
        LogRing unlimited = new LogRing(4);
        for (int i = 0; i < 1000; i++) {
            assertTrue(unlimited.admit());
        }
        assertEquals(0, unlimited.overRate());
        assertEquals(0, unlimited.rate());
        assertEquals("log rate -1 lines/s is negative",
                assertThrows(IllegalArgumentException.class, () -> new LogRing(4, -1)).getMessage());
    }
}
