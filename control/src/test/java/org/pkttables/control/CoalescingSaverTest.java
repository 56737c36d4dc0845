package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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
            return runs.get();
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

    @Test
    void awaitReturnsOnceASaveThatBeganAfterTheCommitHasCompleted() throws Exception {
        AtomicLong generation = new AtomicLong(1);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CoalescingSaver saver = new CoalescingSaver(() -> {
            long g = generation.get();
            if (runs.incrementAndGet() == 1) {
                firstRunning.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return g;
        });
        try {
            saver.request();
            firstRunning.await();
            // Generation 2 is committed while save #1 (which read generation 1) is still writing: eight
            // commands wait for it and must share the one save that begins after it.
            generation.set(2);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> waits = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                waits.add(pool.submit(() -> {
                    saver.await(2);
                    return null;
                }));
            }
            Thread.sleep(50); // not an assertion on time: gives the waiters a chance to wait too early
            for (Future<?> w : waits) {
                assertFalse(w.isDone(), "no acknowledgement before a save covering generation 2 has completed");
            }
            release.countDown();
            for (Future<?> w : waits) {
                w.get();
            }
            pool.shutdown();
            assertEquals(2, runs.get(), "the eight commands shared one write");
            saver.await(2); // already durable: returns at once, no new save
            assertEquals(2, runs.get());
        } finally {
            release.countDown();
            saver.close();
        }
    }

    @Test
    void aSaveRunningWhenTheCommandWaitsAcknowledgesItWhenItCoversTheGeneration() throws Exception {
        // A big restore: its first event starts a save, which reads the state only after the commit ended
        // (generation 2). The command waits while that save writes: it covers generation 2, so the answer
        // must not wait for another save.
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hold = new CountDownLatch(1);
        CoalescingSaver saver = new CoalescingSaver(() -> {
            if (runs.incrementAndGet() == 1) {
                firstRunning.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            } else {
                try {
                    hold.await(); // a second save would hold the waiter until the end of the test
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return 2;
        });
        try {
            saver.request();
            firstRunning.await();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> w = pool.submit(() -> {
                saver.await(2);
                return null;
            });
            Thread.sleep(50); // not an assertion on time: lets the waiter wait before the save ends
            assertFalse(w.isDone(), "no acknowledgement before the save has completed");
            release.countDown();
            w.get(30, java.util.concurrent.TimeUnit.SECONDS);
            pool.shutdown();
        } finally {
            release.countDown();
            hold.countDown();
            saver.close();
        }
    }

    @Test
    void aFailedSaveIsReportedToTheWaiter() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CoalescingSaver saver = new CoalescingSaver(() -> {
            if (runs.incrementAndGet() == 1) {
                throw new IOException("disk full");
            }
            return 7;
        });
        try {
            IOException e = assertThrows(IOException.class, () -> saver.await(7));
            assertEquals("disk full", e.getMessage());
            saver.await(7); // the next save works
            assertEquals(2, runs.get());
        } finally {
            saver.close();
        }
    }

    @Test
    void aWaitingCommandRunsTheSaveItselfWhenNoneRuns() throws Exception {
        AtomicLong generation = new AtomicLong(3);
        List<String> savers = new java.util.concurrent.CopyOnWriteArrayList<>();
        CoalescingSaver saver = new CoalescingSaver(() -> {
            savers.add(Thread.currentThread().getName());
            return generation.get();
        });
        try {
            Thread.currentThread().setName("command-thread");
            saver.request(); // the commit asks for a save under its lock, then its command waits for it
            saver.await(3);
            assertEquals(List.of("command-thread"), savers, "the waiting command wrote its change itself, no hand-off");
        } finally {
            saver.close();
        }
    }

    @Test
    void aRunningSaveThatReadTheGenerationIsEnoughNoSecondSave() throws Exception {
        AtomicLong generation = new AtomicLong(5);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CoalescingSaver saver = new CoalescingSaver(() -> {
            long g = generation.get();
            runs.incrementAndGet();
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return g;
        });
        try {
            saver.request(); // nobody waits: the writer thread saves generation 5 after its linger
            running.await();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> w = pool.submit(() -> {
                saver.await(5); // committed before the running save read the generation: that save covers it
                return null;
            });
            Thread.sleep(20); // not an assertion on time: lets the waiter wait while the save runs
            assertFalse(w.isDone(), "no acknowledgement before the save completed");
            release.countDown();
            w.get();
            pool.shutdown();
            assertEquals(1, runs.get(), "the command waited for the save that covers it, not for one more");
        } finally {
            release.countDown();
            saver.close();
        }
    }

    @Test
    void changesNobodyWaitsForAreSavedByTheWriterAndCloseSavesTheLast() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch saved = new CountDownLatch(1);
        CoalescingSaver saver = new CoalescingSaver(() -> {
            runs.incrementAndGet();
            saved.countDown();
            return 1;
        });
        saver.request();
        assertTrue(saved.await(10, java.util.concurrent.TimeUnit.SECONDS), "the writer thread saved the change");
        saver.close();
        assertEquals(1, runs.get());
        IOException e = assertThrows(IOException.class, () -> saver.await(2));
        assertTrue(e.getMessage().contains("stopping"), e.getMessage());
    }
}
