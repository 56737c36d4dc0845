package org.pkttables.io.live;

import java.io.IOException;

import com.sun.jna.Memory;

import org.osgi.annotation.versioning.ConsumerType;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapStat;
import org.pkttables.io.ports.Libpcap;
import org.pkttables.io.ports.Port;

/**
 * One interface opened through io's port code (libpcap, promiscuous, immediate mode): {@link #send}
 * sends a frame, {@link #capture} hands every frame that arrives to a listener until {@link #stop},
 * {@link #stats} reads libpcap's counters. A handle either sends or captures on one thread; open two on
 * the same interface to do both at once.
 */
public final class LiveInterface implements AutoCloseable {
    /** Receives captured frames on the capturing thread. */
    @ConsumerType
    public interface FrameListener {
        /** The frame is {@code frame[0 .. len)}; the array is reused for the next frame once this returns. */
        void frame(byte[] frame, int len);
    }

    private static final int POLL_MS = 10;

    private final Port port;
    private final int snaplen;
    private volatile boolean capturing;

    private LiveInterface(Port port, int snaplen) {
        this.port = port;
        this.snaplen = snaplen;
    }

    /**
     * Opens {@code dev}.
     *
     * @param snaplen     bytes of each frame captured
     * @param bufferBytes libpcap's buffer
     * @param inboundOnly capture only the frames arriving on the interface, not those sent on it
     * @throws IOException when libpcap cannot open it (the message is libpcap's)
     */
    public static LiveInterface open(String dev, int snaplen, int bufferBytes, boolean inboundOnly)
            throws IOException {
        Port port = new Port(0, dev, 0);
        // pcap4j finds its packet factory with ServiceLoader through the context class loader.
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(LiveInterface.class.getClassLoader());
        try {
            port.open(bufferBytes, snaplen, inboundOnly);
        } catch (PcapNativeException | RuntimeException e) {
            port.close();
            throw new IOException(e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(tccl);
        }
        return new LiveInterface(port, snaplen);
    }

    /** Sends {@code frame[0 .. len)}; false when libpcap could not. */
    public boolean send(byte[] frame, int len) {
        return port.send(frame, len);
    }

    /**
     * Captures until {@link #stop} (or the handle fails): every frame goes to {@code listener}, in
     * arrival order, on the calling thread.
     *
     * @throws IOException when reading fails while not stopping
     */
    public void capture(FrameListener listener) throws IOException {
        capturing = true;
        byte[] buf = new byte[snaplen];
        Memory pollfd = new Memory(8);
        pollfd.setInt(0, port.fd); // struct pollfd { int fd; short events; short revents; }
        pollfd.setShort(4, Libpcap.POLLIN);
        pollfd.setShort(6, (short) 0);
        while (capturing) {
            int len = port.next();
            if (len > 0) {
                int n = Math.min(len, buf.length);
                port.read(buf, n);
                listener.frame(buf, n);
            } else if (len == 0) {
                Libpcap.C.poll(pollfd, 1, POLL_MS);
            } else if (capturing) {
                throw new IOException("reading " + port.name + " failed");
            }
        }
    }

    /** Makes {@link #capture} return (within a few milliseconds). */
    public void stop() {
        capturing = false;
    }

    /**
     * libpcap's counters: frames received, dropped for want of buffer, dropped by the interface; null
     * when they cannot be read.
     */
    public long[] stats() {
        try {
            PcapStat s = port.handle.getStats();
            return new long[] {s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf()};
        } catch (PcapNativeException | NotOpenException e) {
            return null;
        }
    }

    @Override
    public void close() {
        port.close();
    }
}
