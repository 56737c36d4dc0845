package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CoalescingSaverTest {
    @Test
    void requestsWhileASaveIsQueuedFoldIntoIt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstRunning = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        CoalescingSaver saver = new CoalescingSaver(() -> {
            runs.incrementAndGet();
            firstRunning.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        saver.request();
        firstRunning.await();
        // While the first save runs, 1000 changes arrive: they must cost exactly one more save.
        for (int i = 0; i < 1000; i++) {
            saver.request();
        }
        release.countDown();
        saver.close();
        assertEquals(2, runs.get());
        saver.request();
        assertTrue(runs.get() == 2, "no save after close");
    }
}
