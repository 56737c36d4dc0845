package org.pkttables.io.workers;

import java.lang.management.ManagementFactory;

/**
 * Feeds a fixed set of frames, round robin, into a hot path ({@link Worker#frame}, a stage's
 * {@code frame}) through one work buffer, as the allocation tests warm it and then measure it; and reads
 * the calling thread's allocation counter (the JVM's, not time).
 */
public final class FrameLoop {
    /** A hot path's entry: a frame of {@code len} bytes in {@code b}, arrived on port {@code in}. */
    public interface Path {
        void frame(byte[] b, int len, int in, long now);
    }

    private final byte[][] frames;
    private final int[] in;
    private final byte[] work;
    private final com.sun.management.ThreadMXBean mx =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Frame {@code k} arrives on port {@code in[k]}. */
    public FrameLoop(byte[][] frames, int[] in) {
        this.frames = frames;
        this.in = in;
        int max = 2048;
        for (byte[] f : frames) {
            max = Math.max(max, f.length);
        }
        this.work = new byte[max];
    }

    /** Sends {@code n} frames through {@code path}, each copied into the work buffer first. */
    public void run(Path path, int n, long now) {
        for (int i = 0; i < n; i++) {
            int k = i % frames.length;
            System.arraycopy(frames[k], 0, work, 0, frames[k].length);
            path.frame(work, frames[k].length, in[k], now);
        }
    }

    /** The bytes the calling thread has allocated so far. */
    public long allocated() {
        return mx.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
