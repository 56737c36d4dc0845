package org.pkttables.io.ports;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A single-producer single-consumer ring of reusable frame buffers from one capture thread to one
 * worker. The producer copies a frame into the next free slot and publishes slots in batches (one
 * release store per batch); the consumer reads published slots in place and frees them in batches.
 * A slot's buffer grows once to fit the largest frame it has carried and is then reused.
 */
public final class FrameRing {
    /** Frames the producer publishes at most per release store. */
    public static final int BATCH = 32;
    private static final int MIN_SLOT = 2048;

    private final int mask;
    private final byte[][] bufs;
    private final int[] lens;
    /** Next slot the consumer reads (written by the consumer only). */
    private final AtomicLong head = new AtomicLong();
    /** Slots published to the consumer (written by the producer only). */
    private final AtomicLong published = new AtomicLong();

    /** Frames the producer found no free slot for (written by the producer only). */
    public final Counters overflows = new Counters(1);

    // producer-local
    private long tail;
    private long headCache;

    public FrameRing(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("ring capacity " + capacity + " is not a power of two");
        }
        mask = capacity - 1;
        bufs = new byte[capacity][];
        lens = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            bufs[i] = new byte[MIN_SLOT];
        }
    }

    public int capacity() {
        return mask + 1;
    }

    // ---- producer ----

    /** The buffer of the next free slot, at least {@code len} long; null when the ring is full. */
    public byte[] claim(int len) {
        if (tail - headCache > mask) {
            headCache = head.get();
            if (tail - headCache > mask) {
                return null;
            }
        }
        int i = (int) tail & mask;
        byte[] b = bufs[i];
        if (b.length < len) {
            // Grows once per slot to the largest frame seen (a GRO/TSO super-frame is at most 64 KiB).
            b = new byte[Integer.highestOneBit(len - 1) << 1];
            bufs[i] = b;
        }
        return b;
    }

    /** Makes the claimed slot a frame of {@code len} bytes; true when a batch became due. */
    public boolean commit(int len) {
        lens[(int) tail & mask] = len;
        tail++;
        return tail - published.getPlain() >= BATCH;
    }

    /** Publishes every committed slot; true when there was something new. */
    public boolean publish() {
        if (published.getPlain() == tail) {
            return false;
        }
        // A full volatile store, so a worker deciding to sleep cannot miss it (see Worker.idle).
        published.set(tail);
        return true;
    }

    // ---- consumer ----

    /** Published frames not yet consumed, starting at {@link #headSeq()}. */
    public int available() {
        return (int) (published.get() - head.getPlain());
    }

    public long headSeq() {
        return head.getPlain();
    }

    public byte[] buffer(long seq) {
        return bufs[(int) seq & mask];
    }

    public int length(long seq) {
        return lens[(int) seq & mask];
    }

    /** Gives {@code n} consumed slots back to the producer. */
    public void release(int n) {
        head.setRelease(head.getPlain() + n);
    }
}
