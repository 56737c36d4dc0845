package org.pkttables.gen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.pkttables.gen.impl.Flow;
import org.pkttables.gen.impl.FlowFactory;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;

/**
 * Plays {@code count} flows of a profile as a stream of frames: up to {@code concurrency} flows open at
 * once, each next frame taken from one of them at random (seeded), new flows opened at the configured
 * connection rate, timestamps spaced by the packet rate. Each flow's own frames stay in order, so a
 * stateful firewall sees well-formed connections; the interleaving is what a busy link looks like.
 * Steady state allocates nothing: flow slots and the frame buffer are reused.
 */
public final class Generator implements FrameSource {
    private final FlowFactory factory;
    private final long count;
    private final Flow[] active;
    private final SplittableRandom pick;
    private final long frameGap;
    private final long flowGap;
    private final byte[] buf = new byte[9216 + 128];
    private int nActive;
    private long opened;
    private long finished;
    private long now;
    private long nextOpen;
    private int length;
    private int direction;
    private long flow;
    private long timestamp;
    private long frames;
    private long bytes;

    public Generator(Profile profile, GenOptions o) {
        this.factory = new FlowFactory(profile, o);
        this.count = o.count();
        this.active = new Flow[(int) Math.min(o.concurrency(), o.count())];
        for (int i = 0; i < active.length; i++) {
            active[i] = Flow.newSlot();
        }
        this.pick = new SplittableRandom(o.seed() ^ 0x5DEECE66DL);
        this.frameGap = o.pps() > 0 ? Math.max(1, Math.round(1e9 / o.pps())) : 1000;
        this.flowGap = o.rate() > 0 ? Math.max(1, Math.round(1e9 / o.rate())) : 0;
        this.now = o.startNanos();
        this.nextOpen = now;
    }

    /** The profile as used (with the run's dport override). */
    public Profile profile() {
        return factory.profile();
    }

    @Override
    public boolean next() {
        while (nActive < active.length && opened < count && (flowGap == 0 || nextOpen - now <= 0 || nActive == 0)) {
            if (nActive == 0 && nextOpen - now > 0) {
                now = nextOpen;
            }
            factory.open(active[nActive], opened++);
            nextOpen += flowGap;
            if (active[nActive].done()) {
                finished++;
            } else {
                nActive++;
            }
        }
        if (nActive == 0) {
            return false;
        }
        int i = nActive == 1 ? 0 : pick.nextInt(nActive);
        Flow f = active[i];
        length = f.emit(buf);
        direction = f.lastDirection();
        flow = f.index();
        timestamp = now;
        now += frameGap;
        frames++;
        bytes += length;
        if (f.done()) {
            finished++;
            nActive--;
            active[i] = active[nActive];
            active[nActive] = f;
        }
        return true;
    }

    @Override
    public byte[] buffer() {
        return buf;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int direction() {
        return direction;
    }

    @Override
    public long flow() {
        return flow;
    }

    @Override
    public long timestampNanos() {
        return timestamp;
    }

    public long flowsOpened() {
        return opened;
    }

    public long flowsFinished() {
        return finished;
    }

    public long frames() {
        return frames;
    }

    public long bytes() {
        return bytes;
    }

    /** Hands every remaining frame to {@code c}, in the same reused buffer; returns the number of frames. */
    public long forEach(FrameConsumer c) {
        long n = 0;
        while (next()) {
            c.accept(buf, length, direction);
            n++;
        }
        return n;
    }

    /** Writes every remaining frame to a pcap file (Ethernet link type); returns the number written. */
    public long writePcap(Path file) throws IOException {
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16)) {
            return writePcap(out);
        }
    }

    /**
     * Writes every remaining frame as a pcap capture (Ethernet link type) to {@code out}, which stays
     * open (flushed); returns the number written.
     */
    public long writePcap(java.io.OutputStream out) throws IOException {
        long n = 0;
        try (PcapWriter w = new PcapWriter(new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        }, PcapReader.LINKTYPE_ETHERNET)) {
            while (next()) {
                w.write(timestamp, buf, 0, length);
                n++;
            }
        }
        return n;
    }
}
