package org.pkttables.ext.ipset.impl;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
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
 * {@code ipsets.save.rejected-TIMESTAMP} (never over an earlier one) so the next write cannot overwrite what
 * the user had. A command that changes the sets returns only once they are on disk ({@link #saveNow}).
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
            // Nothing saved = no sets: written only once this appliance changes them (an appliance that
            // is refused the state directory, or never changes a set, writes nothing there).
            written = sets.list(null, ListFormat.SAVE);
            return null;
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            try {
                sets.restore(text, true);
                written = text;
                return null;
            } catch (SetException e) {
                Path rejected = unique(file.resolveSibling(FILE + ".rejected-" + STAMP.format(Instant.now())));
                Files.move(file, rejected);
                return file + " rejected (kept as " + rejected.getFileName() + "): " + e.getMessage();
            }
        } catch (IOException e) {
            return file + " not loaded: " + e;
        }
    }

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** {@code base}, or {@code base.1}, {@code base.2} … : a name no earlier rejection has. */
    private static Path unique(Path base) {
        Path p = base;
        for (int i = 1; Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS); i++) {
            p = base.resolveSibling(base.getFileName() + "." + i);
        }
        return p;
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

    /** Writes the sets now if they changed since the last write (background writes: a failure is logged). */
    void save() {
        try {
            saveNow();
        } catch (IOException e) {
            System.err.println("pkttables: cannot save the IP sets to " + file + ": " + e);
        }
    }

    /**
     * Writes the sets now if they changed since the last write: temp file (owner-only), fsync, atomic
     * rename, fsync of the directory, so that the file is on disk when this returns.
     */
    synchronized void saveNow() throws IOException {
        String text = sets.list(null, ListFormat.SAVE);
        if (text.equals(written)) {
            return;
        }
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = file.resolveSibling("." + FILE + ".tmp");
        Files.deleteIfExists(tmp);
        try (FileChannel ch = FileChannel.open(tmp, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            java.nio.ByteBuffer b = StandardCharsets.UTF_8.encode(text);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
        written = text;
    }

    private static final java.util.Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
