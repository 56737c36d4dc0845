package org.pkttables.ext.targets.api;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BinaryOperator;

/**
 * The bounded asynchronous queue the LOG target's lines go through: packet workers {@link #publish} and
 * never wait (a full ring overwrites its oldest line), one delivering thread {@link #take}s the lines to
 * the log backend, and the lines it did not get to before they were overwritten are counted as
 * {@link #dropped}. So a slow console or journal can never stall a worker; it loses lines, counted.
 *
 * <p>Besides the delivery, any number of {@link Reader}s can follow the ring from a position of their
 * own (a live {@code log -f}), each counting what it missed; they take nothing away from the others.
 * Each line has a sequence number, 0 for the first one published.
 *
 * <p>A ring made with a rate ({@link #LogRing(int, int)}) admits at most that many lines per second (a
 * burst of its capacity at once): a worker asks {@link #admit} before it formats a line, and the lines
 * over the rate are neither formatted nor published, only counted ({@link #overRate}), so a LOG flood
 * costs the workers a counter, not a line each, and the journal gets no more than it can take.
 *
 * <p>Registered as an OSGi service by the bundle that delivers the LOG target's lines.
 */
public final class LogRing {
    /** One published line. */
    public record Entry(long sequence, long timeMillis, int level, String line) {
    }

    /** The newer of two entries for a slot: a writer that was slow never overwrites a newer line. */
    private static final BinaryOperator<Entry> NEWER = (old, neu) -> old == null || neu.sequence > old.sequence
            ? neu : old;
    /** How long a follower sleeps between looks when the ring has nothing new for it. */
    private static final long FOLLOW_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final AtomicReferenceArray<Entry> slots;
    private final int mask;
    private final AtomicLong next = new AtomicLong();
    /** Lines the followers lost, all of them together (each also counts its own). */
    private final AtomicLong followersMissed = new AtomicLong();
    private final Reader delivery;
    /** Nanoseconds per admitted line; 0: every line is admitted. */
    private final long intervalNanos;
    /** How far ahead of now the admission may run: a burst of the ring's capacity. */
    private final long burstNanos;
    /** The theoretical arrival time of the next line (GCRA): lines are admitted while it is within the burst. */
    private final AtomicLong nextAdmission = new AtomicLong(System.nanoTime());
    private final LongAdder overRate = new LongAdder();
    /** The delivering thread while it waits in {@link #take}, for {@link #publish} to wake it. */
    private volatile Thread waiting;

    /** A ring of at least {@code capacity} lines (rounded up to a power of two, 2 to 2^20), no rate. */
    public LogRing(int capacity) {
        this(capacity, 0);
    }

    /**
     * A ring of at least {@code capacity} lines admitting at most {@code linesPerSecond} (0: no limit).
     *
     * @throws IllegalArgumentException for a capacity out of 2..2^20 or a negative rate
     */
    public LogRing(int capacity, int linesPerSecond) {
        if (capacity < 2 || capacity > 1 << 20) {
            throw new IllegalArgumentException("log ring capacity " + capacity + " is not 2..1048576");
        }
        if (linesPerSecond < 0) {
            throw new IllegalArgumentException("log rate " + linesPerSecond + " lines/s is negative");
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        slots = new AtomicReferenceArray<>(size);
        mask = size - 1;
        delivery = new Reader(0, false);
        intervalNanos = linesPerSecond == 0 ? 0 : Math.max(1, 1_000_000_000L / linesPerSecond);
        burstNanos = intervalNanos * size;
    }

    /**
     * Whether one more line fits the rate now; when not, it is counted in {@link #overRate} and the caller
     * neither formats nor publishes it. Never blocks, allocates nothing; thread-safe.
     */
    public boolean admit() {
        if (intervalNanos == 0) {
            return true;
        }
        long now = System.nanoTime();
        for (;;) {
            long t = nextAdmission.get();
            long base = t - now > 0 ? t : now;
            if (base - now > burstNanos) {
                overRate.increment();
                return false;
            }
            if (nextAdmission.compareAndSet(t, base + intervalNanos)) {
                return true;
            }
        }
    }

    /** Lines refused by {@link #admit} since the ring was made: over the rate, never formatted. */
    public long overRate() {
        return overRate.sum();
    }

    /** The most lines per second {@link #admit} lets through; 0 for no limit. */
    public int rate() {
        return intervalNanos == 0 ? 0 : (int) (1_000_000_000L / intervalNanos);
    }

    /** How many lines the ring holds. */
    public int capacity() {
        return slots.length();
    }

    /**
     * Adds a line; never blocks. Thread-safe, called on packet workers.
     *
     * @param level the rule's syslog level, 0 (emerg) to 7 (debug)
     */
    public void publish(int level, String line) {
        long seq = next.getAndIncrement();
        slots.accumulateAndGet((int) seq & mask, new Entry(seq, System.currentTimeMillis(), level, line), NEWER);
        Thread t = waiting;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** How many lines were published since the ring was made (the next line's sequence number). */
    public long published() {
        return next.get();
    }

    /** The delivery's next line if there is one now, else null. One thread only. */
    public Entry takeNow() {
        return delivery.poll();
    }

    /** The delivery's next line, waiting up to {@code timeout}; null when none came. One thread only. */
    public Entry take(long timeout, TimeUnit unit) throws InterruptedException {
        long end = System.nanoTime() + unit.toNanos(timeout);
        for (;;) {
            Entry e = delivery.poll();
            if (e != null) {
                return e;
            }
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            waiting = Thread.currentThread();
            try {
                if (delivery.pending()) {
                    continue; // published between the poll and now: no sleep
                }
                LockSupport.parkNanos(this, left);
            } finally {
                waiting = null;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Lines the delivery lost: overwritten before it took them (its console or journal was too slow). */
    public long dropped() {
        return delivery.missed();
    }

    /** Lines published but not yet taken by the delivery. */
    public long backlog() {
        return Math.min(capacity(), Math.max(0, published() - delivery.position()));
    }

    /**
     * Lines the followers ({@link #follow}) lost because they read slower than the workers published, all
     * followers together, since the ring was made.
     */
    public long followersMissed() {
        return followersMissed.get();
    }

    /** A reader from the next line published on. */
    public Reader follow() {
        return new Reader(published(), true);
    }

    /**
     * A reader from sequence number {@code from} on, or from the oldest line the ring still holds when
     * that one is gone (the lines in between count as missed).
     */
    public Reader follow(long from) {
        return new Reader(Math.max(0, from), true);
    }

    /** A position in the ring, moving on by itself; not thread-safe (one reading thread). */
    public final class Reader {
        /** Written by the reading thread only; volatile for {@code status} on another thread. */
        private volatile long cursor;
        private volatile long missed;
        private final boolean follower;

        private Reader(long cursor, boolean follower) {
            this.cursor = cursor;
            this.follower = follower;
        }

        private void lost(long n) {
            missed += n;
            if (follower) {
                followersMissed.addAndGet(n);
            }
        }

        /** The next line, or null when there is none yet. Lines overwritten before they were read are skipped, counted. */
        public Entry poll() {
            for (;;) {
                long head = next.get();
                if (cursor >= head) {
                    return null;
                }
                long oldest = head - slots.length();
                if (cursor < oldest) {
                    lost(oldest - cursor);
                    cursor = oldest;
                }
                Entry e = slots.get((int) cursor & mask);
                if (e == null || e.sequence < cursor) {
                    return null; // claimed, its writer has not stored it yet
                }
                if (e.sequence > cursor) {
                    lost(1); // overwritten while we looked
                    cursor++;
                    continue;
                }
                cursor++;
                return e;
            }
        }

        /**
         * The next line, waiting up to {@code timeout} (looking every 20 ms); null when none came.
         */
        public Entry poll(long timeout, TimeUnit unit) throws InterruptedException {
            long end = System.nanoTime() + unit.toNanos(timeout);
            for (;;) {
                Entry e = poll();
                if (e != null) {
                    return e;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                LockSupport.parkNanos(this, Math.min(left, FOLLOW_PARK_NANOS));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }

        /** True when a line was published past this reader's position. */
        boolean pending() {
            return cursor < next.get();
        }

        /** The sequence number of the next line this reader reads. */
        public long position() {
            return cursor;
        }

        /** Lines this reader lost: overwritten before it read them. */
        public long missed() {
            return missed;
        }
    }
}
