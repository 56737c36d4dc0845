package org.pkttables.ext.ipset.impl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.pkttables.ext.ipset.api.ListFormat;
import org.pkttables.ext.ipset.api.SetException;

/**
 * The sets saved in the state directory ({@code ipsets.save}, ipset save format), next to the rules
 * control saves there. Loaded when the bundle starts, so the sets exist before control restores the
 * rules that use them; written after every change, changes in a burst folded into one write, each
 * write atomic (temp file, fsync, rename). A file that does not load is renamed to
 * {@code ipsets.save.rejected} so the next write cannot overwrite what the user had.
 */
final class SetStateFile implements AutoCloseable {
    static final String FILE = "ipsets.save";

    private final Path file;
    private final SetRegistry sets;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pkttables-ipset-writer");
        t.setDaemon(true);
        return t;
    });
    private String written;

    SetStateFile(Path dir, SetRegistry sets) {
        this.file = dir.resolve(FILE);
        this.sets = sets;
    }

    Path file() {
        return file;
    }

    /** Loads the saved sets; returns a problem to report, or null. */
    String load() {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try {
                sets.restore(text, true);
                written = text;
                return null;
            } catch (SetException e) {
                Path rejected = file.resolveSibling(FILE + ".rejected");
                Files.move(file, rejected, StandardCopyOption.REPLACE_EXISTING);
                return file + " rejected (kept as " + rejected.getFileName() + "): " + e.getMessage();
            }
        } catch (IOException e) {
            return file + " not loaded: " + e;
        }
    }

    /** Asks for a write soon; returns at once. */
    void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    queued.set(false);
                    save();
                });
            } catch (RejectedExecutionException e) {
                queued.set(false); // closing: close() writes the last state itself
            }
        }
    }

    /** Writes the sets now if they changed since the last write. */
    synchronized void save() {
        String text = sets.list(null, ListFormat.SAVE);
        if (text.equals(written)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + FILE + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(StandardCharsets.UTF_8.encode(text));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            written = text;
        } catch (IOException e) {
            System.err.println("pkttables: cannot save the IP sets to " + file + ": " + e);
        }
    }

    /** Finishes queued writes, then writes the final state (SET target changes included). */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
            writer.shutdownNow();
        }
        save();
    }
}
