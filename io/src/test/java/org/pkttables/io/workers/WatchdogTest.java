package org.pkttables.io.workers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The watchdog restarts a loop whose thread ended and marks one whose heartbeat stopped. The checks are
 * driven by hand with chosen times (the watchdog's own thread is not started), so nothing depends on
 * how fast this machine is.
 */
class WatchdogTest {
    private static final long S = 1_000_000_000L;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<String> steered = Collections.synchronizedList(new ArrayList<>());

    private Watchdog watchdog() {
        return new Watchdog(log::add, 1000, 5 * S, (w, stuck) -> steered.add(w + "=" + stuck));
    }

    private static void join(List<Thread> ts) throws InterruptedException {
        for (Thread t : ts) {
            t.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(t.isAlive(), t.getName());
        }
    }

    @Test
    void aLoopWhoseThreadDiedIsRestartedWithItsStateAndCounted() throws Exception {
        Liveness life = new Liveness("worker 0");
        AtomicInteger runs = new AtomicInteger();
        Runnable loop = () -> {
            if (runs.incrementAndGet() == 1) {
                life.failed(new OutOfMemoryError("first run"));
            }
        };
        Watchdog wd = watchdog();
        wd.spawn("t-worker-0", life, loop, 0);
        join(wd.threads());
        wd.check(10 * S, false);
        join(wd.threads());
        assertEquals(2, runs.get(), "started again");
        assertEquals(1, life.restarts());
        assertTrue(log.get(0).startsWith("worker 0 ended (java.lang.OutOfMemoryError: first run); restarted"), log.toString());
        assertTrue(life.health(10 * S).contains("restarts 1, last error: java.lang.OutOfMemoryError: first run"));
        // Dying again right away: the next restart waits (1 s, then doubling), it does not spin.
        wd.check(10 * S + 1, false);
        assertEquals(1, life.restarts());
        assertTrue(log.get(1).contains("restarting in 1 s"), log.toString());
        wd.check(10 * S + S / 2, false);
        assertEquals(1, life.restarts());
        wd.check(11 * S + 1, false);
        join(wd.threads());
        assertEquals(2, life.restarts());
        assertEquals(3, runs.get());
    }

    @Test
    void aLoopWithoutHeartbeatIsMarkedStuckAndSteeredAroundUntilItMovesAgain() throws Exception {
        Liveness life = new Liveness("worker 1");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch beating = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Runnable loop = () -> {
            life.beat();
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                return;
            }
            life.beat();
            beating.countDown();
        };
        Watchdog wd = watchdog();
        wd.spawn("t-worker-1", life, loop, 1);
        assertTrue(started.await(30, TimeUnit.SECONDS));
        long t0 = 100 * S;
        wd.check(t0, false); // first look: the beat it has now
        wd.check(t0 + 4 * S, false);
        assertFalse(life.isStuck(), "not before the limit");
        wd.check(t0 + 5 * S + 1, false);
        assertTrue(life.isStuck());
        assertEquals(List.of("1=true"), steered);
        assertTrue(log.get(0).startsWith("worker 1 is stuck: no progress for 5000 ms"), log.toString());
        assertTrue(log.get(0).contains("\tat "), "where it is");
        assertTrue(life.health(t0 + 7 * S).startsWith("worker 1: STUCK for 7 s at "), life.health(t0 + 7 * S));
        wd.check(t0 + 9 * S, false);
        assertEquals(1, log.size(), "logged once");
        release.countDown();
        beating.await(30, TimeUnit.SECONDS);
        wd.check(t0 + 10 * S, false);
        assertFalse(life.isStuck());
        assertEquals(List.of("1=true", "1=false"), steered);
        join(wd.threads());
    }

    @Test
    void afterAPauseOfTheWatchdogItselfNothingIsStuck() throws Exception {
        Liveness life = new Liveness("capture eth1");
        CountDownLatch release = new CountDownLatch(1);
        Watchdog wd = watchdog();
        wd.spawn("t-capture", life, () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, -1);
        wd.check(S, false);
        wd.check(60 * S, true);
        assertFalse(life.isStuck());
        release.countDown();
        join(wd.threads());
    }

    @Test
    void steeringSendsAStuckWorkersFlowsToTheNextHealthyOne() {
        Steering s = Steering.identity(3);
        assertEquals(1, s.to(1));
        s.stuck(1, true);
        assertEquals(2, s.to(1));
        assertEquals(0, s.to(0));
        s.stuck(2, true);
        assertEquals(0, s.to(1));
        assertEquals(0, s.to(2));
        s.stuck(0, true);
        assertEquals(1, s.to(1), "all stuck: each keeps its own");
        s.stuck(0, false);
        s.stuck(1, false);
        s.stuck(2, false);
        assertEquals(2, s.to(2));
    }
}
