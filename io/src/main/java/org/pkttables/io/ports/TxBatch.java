package org.pkttables.io.ports;

/**
 * The frames one worker sends on one port. This base form sends each frame at once through
 * {@link Port#send}; {@link MmsgTxBatch} queues them and sends a batch with one system call. After
 * {@link #add} returned true, or after {@link #flush}, the worker takes the outcome ({@link #sent},
 * {@link #sentBytes}, {@link #failed}) into its counters and calls {@link #clearOutcome}.
 */
public class TxBatch {
    public final Port port;
    public int sent;
    public long sentBytes;
    public int failed;

    public TxBatch(Port port) {
        this.port = port;
    }

    /** Sends or queues a frame; true when an outcome is ready (here: always). */
    public boolean add(byte[] frame, int len) {
        outcome(port.send(frame, len), len);
        return true;
    }

    /**
     * Sends a TCP super-frame whole through the port's GSO socket, after what is queued (the order of a
     * flow's frames stays as it was); true: an outcome is ready.
     */
    public boolean addGso(byte[] vnet, byte[] frame, int off, int len) {
        flush();
        outcome(port.sendGso(vnet, frame, off, len), len);
        return true;
    }

    /** Sends what is queued; true when there is an outcome to take. */
    public boolean flush() {
        return false;
    }

    final void outcome(boolean ok, int len) {
        if (ok) {
            sent++;
            sentBytes += len;
        } else {
            failed++;
        }
    }

    public final void clearOutcome() {
        sent = 0;
        sentBytes = 0;
        failed = 0;
    }
}
