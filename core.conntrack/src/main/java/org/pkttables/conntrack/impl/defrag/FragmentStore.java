package org.pkttables.conntrack.impl.defrag;

/**
 * The bytes of queued fragments of one family: an arena of fixed blocks, allocated once (on the first
 * fragment) and bounded by the family's {@code ipfrag_high_thresh} (default 4 MiB), so holding fragments
 * never allocates per packet and never grows past the bound. A fragment's payload takes a chain of
 * blocks; when no blocks are left the fragment is refused (the kernel's inet_frag_find above
 * high_thresh), and queues give their blocks back when they complete, fail or time out.
 *
 * <p>Shared by the workers of the family; the lock is taken per fragment only, never for other packets.
 */
public final class FragmentStore {
    /** Bytes per block: a 1500-byte fragment takes three. */
    public static final int BLOCK = 512;

    private final int blocks;
    private byte[] arena;
    private int[] next;
    private int free = -1;
    private int used;

    /** A store of {@code highThresh} bytes (rounded down to whole blocks, at least one). */
    public FragmentStore(long highThresh) {
        if (highThresh < BLOCK || highThresh > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ipfrag_high_thresh " + highThresh + " outside " + BLOCK + ".."
                    + Integer.MAX_VALUE + " bytes");
        }
        this.blocks = (int) (highThresh / BLOCK);
    }

    private void init() {
        arena = new byte[blocks * BLOCK];
        next = new int[blocks];
        for (int i = 0; i < blocks; i++) {
            next[i] = i + 1 < blocks ? i + 1 : -1;
        }
        free = 0;
    }

    /**
     * Copies {@code len} bytes of {@code src} from {@code off} into a fresh chain of blocks; its first
     * block, or -1 (nothing taken) when the store has too few blocks left.
     */
    public synchronized int store(byte[] src, int off, int len) {
        if (arena == null) {
            init();
        }
        int need = Math.max(1, (len + BLOCK - 1) / BLOCK);
        if (used + need > blocks) {
            return -1;
        }
        int head = free;
        int b = head;
        for (int i = 0; i < need; i++) {
            int n = Math.min(BLOCK, len - i * BLOCK);
            if (n > 0) {
                System.arraycopy(src, off + i * BLOCK, arena, b * BLOCK, n);
            }
            if (i + 1 < need) {
                b = next[b];
            }
        }
        free = next[b];
        next[b] = -1;
        used += need;
        return head;
    }

    /** Copies the {@code len} bytes of the chain at {@code head} to {@code dst} at {@code off}. */
    public synchronized void load(int head, int len, byte[] dst, int off) {
        int b = head;
        for (int done = 0; done < len; done += BLOCK) {
            System.arraycopy(arena, b * BLOCK, dst, off + done, Math.min(BLOCK, len - done));
            b = next[b];
        }
    }

    /** Gives the chain at {@code head} back. */
    public synchronized void release(int head) {
        int b = head;
        while (b >= 0) {
            int n = next[b];
            next[b] = free;
            free = b;
            used--;
            b = n;
        }
    }

    /** Bytes held now (the kernel's ipfrag memory, /proc/net/sockstat's FRAG memory). */
    public synchronized long memory() {
        return (long) used * BLOCK;
    }

    /** The bound in bytes. */
    public long capacity() {
        return (long) blocks * BLOCK;
    }
}
