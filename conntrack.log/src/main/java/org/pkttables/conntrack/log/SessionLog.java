package org.pkttables.conntrack.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.ConntrackListener;

/**
 * Writes one line per ended connection (a DESTROY event) to a file. Events arrive on packet workers, so
 * the listener only queues them (bounded: under a flood the excess is counted as lost, never buffered
 * without limit) and one writer thread formats and appends. The file is rotated to {@code FILE.1} when it
 * passes {@code maxBytes}.
 */
public final class SessionLog implements ConntrackListener, AutoCloseable {
    static final int QUEUE = 65536;
    private final Path file;
    private final long maxBytes;
    private final BlockingQueue<ConntrackEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private volatile IOException failure;

    public SessionLog(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        writer = new Thread(this::drain, "conntrack-session-log");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void onEvent(ConntrackEvent event) {
        if (event.type() == ConntrackEvent.Type.DESTROY && !queue.offer(event)) {
            lost.incrementAndGet();
        }
    }

    private void drain() {
        List<ConntrackEvent> batch = new ArrayList<>(1024);
        while (running || !queue.isEmpty()) {
            try {
                ConntrackEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 4095);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } catch (IOException e) {
                failure = e; // reported by status(); keep draining so the queue never blocks workers
                System.err.println("pkttables: session log " + file + ": " + e.getMessage());
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<ConntrackEvent> batch) throws IOException {
        if (maxBytes > 0 && Files.exists(file) && Files.size(file) >= maxBytes) {
            Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            long missed = lost.getAndSet(0);
            if (missed > 0) {
                w.write(SessionLine.lost(missed));
                w.write('\n');
            }
            for (ConntrackEvent e : batch) {
                w.write(SessionLine.json(e.entry(), e.timestampMillis()));
                w.write('\n');
            }
        }
        written.addAndGet(batch.size());
        failure = null;
    }

    /** Lines written, events lost so far, and the last write error if the file is not writable. */
    public String status() {
        IOException f = failure;
        return "session log " + file + ": " + written.get() + " connections written, " + lost.get() + " lost"
                + (f == null ? "" : ", failing: " + f.getMessage());
    }

    public long written() {
        return written.get();
    }

    /** Writes what is queued and stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(5000);
    }
}
