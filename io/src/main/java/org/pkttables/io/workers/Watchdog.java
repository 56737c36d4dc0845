package org.pkttables.io.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Keeps the threads of a running mode (bridge or router) alive. Once a second it looks at every
 * supervised loop (captures, workers):
 * <ul>
 * <li><b>dead</b>: its thread ended while the mode runs (something no packet-level catch contained: a
 * JVM error, a capture read failure). It is started again on a new thread with the same state (the old
 * thread is gone, so each ring keeps one producer and one consumer), at once the first time, then with a
 * back-off doubling up to a minute while it keeps dying, and counted ({@code restarts}, last error).</li>
 * <li><b>stuck</b>: its heartbeat did not move for {@code stuckNs} (an extension in an endless loop or
 * a deadlock). A Java thread cannot be stopped safely, and a second thread on the same worker state
 * (its rings, its context, its counter slots, its send queues) would race with the stuck one the moment
 * it resumes. So a stuck loop is marked, logged once with where it is, and shown; for a stuck
 * <em>worker</em> in hand-off mode the capture threads send its flows to the next healthy worker
 * ({@code onStuck}), and give them back when it moves again. With one worker (inline) nothing else can
 * take its ports over safely: its frames wait, nothing passes unfiltered.</li>
 * </ul>
 */
public final class Watchdog implements Runnable {
    public static final long STUCK_NS = Long.getLong("pkttables.bridge.stuckSeconds", 5) * 1_000_000_000L;
    private static final long MAX_BACKOFF_NS = 60_000_000_000L;

    /** One supervised loop. */
    public static final class Entry {
        final String threadName;
        public final Liveness life;
        final Runnable loop;
        /** Worker index for {@code onStuck}, -1 for a capture. */
        public final int worker;
        public Thread thread;
        long lastBeats = -1;
        long lastChange;
        long nextRestart;
        long backoff;
        long lastRestart;

        Entry(String threadName, Liveness life, Runnable loop, int worker) {
            this.threadName = threadName;
            this.life = life;
            this.loop = loop;
            this.worker = worker;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Consumer<String> log;
    private final long periodMs;
    private final long stuckNs;
    /** Told worker index and true when a worker got stuck, false when it moves again. */
    private final StuckListener onStuck;
    private volatile boolean running = true;
    private Thread thread;

    public interface StuckListener {
        void stuck(int worker, boolean stuck);
    }

    public Watchdog(Consumer<String> log, long periodMs, long stuckNs, StuckListener onStuck) {
        this.log = log;
        this.periodMs = periodMs;
        this.stuckNs = stuckNs;
        this.onStuck = onStuck;
    }

    /** Starts {@code loop} on a thread and supervises it ({@code worker}: its index, -1 for a capture). */
    public synchronized void spawn(String threadName, Liveness life, Runnable loop, int worker) {
        Entry e = new Entry(threadName, life, loop, worker);
        e.thread = start(threadName, loop);
        e.lastChange = System.nanoTime();
        entries.add(e);
    }

    private static Thread start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.setContextClassLoader(Watchdog.class.getClassLoader());
        t.start();
        return t;
    }

    public void start(String name) {
        thread = start(name, this);
    }

    /** The threads now running the loops (for the shutdown to join). */
    public synchronized List<Thread> threads() {
        List<Thread> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.thread);
        }
        return out;
    }

    /** Stops supervising (before the loops are told to stop, so none is restarted meanwhile). */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(periodMs);
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
            long now = System.nanoTime();
            // After a long pause of our own (GC, suspended VM) nobody had a chance to beat: look again later.
            boolean paused = now - last > 4 * periodMs * 1_000_000L + 1_000_000_000L;
            last = now;
            check(now, paused);
        }
    }

    /** One look at every loop (the watchdog thread, or a test). */
    public synchronized void check(long now, boolean paused) {
        for (Entry e : entries) {
            if (!running) {
                return;
            }
            if (!e.thread.isAlive()) {
                restart(e, now);
                continue;
            }
            long b = e.life.beats();
            if (b != e.lastBeats || paused) {
                e.lastBeats = b;
                e.lastChange = now;
                if (e.life.isStuck()) {
                    e.life.unstuck();
                    log.accept(e.life.name + " moves again");
                    if (e.worker >= 0) {
                        onStuck.stuck(e.worker, false);
                    }
                }
            } else if (!e.life.isStuck() && now - e.lastChange > stuckNs) {
                StackTraceElement[] st = e.thread.getStackTrace();
                String at = st.length > 0 ? st[0].toString() : "?";
                e.life.stuck(e.lastChange, at);
                StringBuilder sb = new StringBuilder(e.life.name + " is stuck: no progress for "
                        + (now - e.lastChange) / 1_000_000 + " ms; it is left running (a Java thread cannot be "
                        + "stopped safely)" + (e.worker >= 0 ? "; its flows go to another worker if there is one"
                                : "") + "; where it is:");
                for (StackTraceElement s : st) {
                    sb.append("\n\tat ").append(s);
                }
                log.accept(sb.toString());
                if (e.worker >= 0) {
                    onStuck.stuck(e.worker, true);
                }
            }
        }
    }

    private void restart(Entry e, long now) {
        if (e.nextRestart == 0) {
            // Just found dead. Dying again soon after a restart doubles the wait before the next one.
            boolean soon = e.lastRestart != 0 && now - e.lastRestart < 10_000_000_000L;
            e.backoff = soon ? Math.min(MAX_BACKOFF_NS, Math.max(1_000_000_000L, e.backoff * 2)) : 0;
            if (e.backoff > 0) {
                e.nextRestart = now + e.backoff;
                log.accept(e.life.name + " ended again (" + e.life.lastError() + "); restarting in "
                        + e.backoff / 1_000_000_000L + " s");
                return;
            }
        } else if (now - e.nextRestart < 0) {
            return;
        }
        e.nextRestart = 0;
        e.lastRestart = now;
        e.life.restarted();
        e.life.unstuck();
        e.lastBeats = -1;
        e.lastChange = now;
        log.accept(e.life.name + " ended (" + e.life.lastError() + "); restarted (restart " + e.life.restarts() + ")");
        e.thread = start(e.threadName, e.loop);
        if (e.worker >= 0) {
            onStuck.stuck(e.worker, false);
        }
    }
}
