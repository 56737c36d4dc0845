package org.pkttables.helper.ftp;

/**
 * One direction's FTP command line that did not end in its segment: its bytes (at most {@link #MAX}), the
 * sequence number of its first byte, and whether they were kept from the peer (on a NATed connection the
 * segments are dropped until the line is complete, then sent again rewritten; without NAT they pass and
 * only a copy is kept). Made on the first partial line of a direction and reused; the helper's state of a
 * connection is two of them ({@link #of}). A direction's packets are handled by one worker at a time.
 */
final class HeldLine {
    /** The longest line held; a longer one is passed through as it is, and counted. */
    static final int MAX = 512;

    final byte[] bytes = new byte[MAX];
    int seq;
    int len;
    boolean active;
    /** The bytes were dropped (NAT): they must reach the peer again with the segment that completes the line. */
    boolean kept;
    /** Retransmissions of the held bytes seen without anything new. */
    int repeats;

    /** The line of one direction in a connection's helper state (two of them), null when there is none yet. */
    static HeldLine of(Object state, boolean reply) {
        return state instanceof HeldLine[] ? ((HeldLine[]) state)[reply ? 1 : 0] : null;
    }

    /** Starts a line with {@code b[off, off+n)} ({@code n <= MAX}) at {@code seq}. */
    void start(int seq, byte[] b, int off, int n, boolean keep) {
        System.arraycopy(b, off, bytes, 0, n);
        this.seq = seq;
        this.len = n;
        this.kept = keep;
        this.repeats = 0;
        this.active = true;
    }

    /** Appends {@code b[off, off+n)}; false (nothing appended) when the line would be longer than {@link #MAX}. */
    boolean append(byte[] b, int off, int n) {
        if (len + n > MAX) {
            return false;
        }
        System.arraycopy(b, off, bytes, len, n);
        len += n;
        repeats = 0;
        return true;
    }

    /** Sequence number just after the held bytes. */
    int end() {
        return seq + len;
    }

    void clear() {
        active = false;
        len = 0;
        repeats = 0;
    }
}
