package org.pkttables.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.StrictUtf8Lines;

/**
 * The saved ruleset: one {@code *-save} file per family in the state directory ({@code rules.v4},
 * {@code rules.v6}, {@code rules.arp}, as iptables-persistent names them; {@code rules.eb} for ebtables),
 * each replaced atomically (temp file, fsync, rename, fsync of the directory) so a crash leaves the old or
 * the new file, never half of one, and a save that returned is on disk. Every file is written owner-only
 * (0600): a firewall's rules are nobody else's business. A checkpoint ({@link #writeCheckpoint}) starts
 * each file with a {@link Marker} comment line saying which commit it holds, for {@link JournaledState}.
 *
 * <p>Each file that loads at start is also kept as {@code FILE.last-good}: a file that no longer loads
 * (hand-edited, not UTF-8, written by a version that accepted what this one refuses) is set aside under
 * a unique name {@code FILE.rejected-TIMESTAMP} and its last good copy is loaded instead; without one,
 * the boot {@linkplain BootState fails closed}.
 */
final class StateStore {
    /** A family's tool and the file its saved rules live in. */
    record Entry(String tool, String file) {
    }

    static final List<Entry> ENTRIES = List.of(new Entry("iptables", "rules.v4"), new Entry("ip6tables", "rules.v6"),
            new Entry("arptables", "rules.arp"), new Entry("ebtables", "rules.eb"));
    static final String LAST_GOOD = ".last-good";
    static final String REJECTED = ".rejected-";
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** The first line of a checkpoint file: the file is the state at generation {@code gen} of run {@code run}. */
    record Marker(long run, long gen) {
        static final String PREFIX = "# pkttables checkpoint ";

        String line() {
            return PREFIX + "run=" + run + " gen=" + gen + "\n";
        }

        /** Whether this state already holds the journal record of {@code run}, generation {@code gen}. */
        boolean covers(long recordRun, long recordGen) {
            return recordRun < run || recordRun == run && recordGen <= gen;
        }

        /** The marker on the first line of {@code text}, or null. */
        static Marker of(String text) {
            if (!text.startsWith(PREFIX)) {
                return null;
            }
            int nl = text.indexOf('\n');
            String[] words = text.substring(PREFIX.length(), nl < 0 ? text.length() : nl).strip().split(" ");
            if (words.length != 2 || !words[0].startsWith("run=") || !words[1].startsWith("gen=")) {
                return null;
            }
            try {
                return new Marker(Long.parseLong(words[0].substring(4)), Long.parseLong(words[1].substring(4)));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** How a family's file was loaded at boot: its marker (null: none), or from its last good copy. */
    record Loaded(Marker marker, boolean lastGood) {
    }

    private final Path dir;
    private final Clock clock;
    /** Families loaded by {@link #restore}. */
    private final Map<String, Loaded> loaded = new HashMap<>();
    /** What each file holds now, without comment lines (save output carries a timestamp). */
    private final Map<String, String> written = new HashMap<>();

    StateStore(Path dir) {
        this(dir, Clock.systemUTC());
    }

    StateStore(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    Path dir() {
        return dir;
    }

    /**
     * Loads every saved family into the ruleset. Rules whose extension is not (yet) loaded are kept and
     * fail closed until it arrives ({@code --fail-closed-missing}): a firewall that boots without one of
     * its extension bundles drops what those rules would have decided, it never forgets them or lets
     * the traffic through. A file that does not load is set aside (never overwritten, never replaced by an
     * empty one) and its last good copy loaded; what happened is in the returned {@link BootState}.
     */
    BootState restore(CommandFrontend frontend) {
        BootState boot = new BootState("state " + dir);
        List<String> commands = frontend.commands();
        for (Entry e : ENTRIES) {
            Path f = dir.resolve(e.file());
            if (!Files.isRegularFile(f)) {
                continue;
            }
            String restore = e.tool() + "-restore";
            if (!commands.contains(restore)) {
                if (isEmpty(f)) {
                    continue; // nothing saved for a family that is not there: nothing lost
                }
                boot.closed(f + " not loaded: " + restore + " is not available (is its L3 bundle missing?)");
                continue;
            }
            String error = load(frontend, restore, f);
            if (error == null) {
                keepLastGood(boot, e, f);
                loaded.put(e.file(), new Loaded(marker(e), false));
                continue;
            }
            String rejected;
            try {
                rejected = setAside(f).getFileName().toString();
            } catch (IOException x) {
                // Left where it is: the ports stay closed and nothing is saved over it.
                boot.closed(f + " rejected: " + error + "; could not be set aside (" + x + ")");
                continue;
            }
            Path good = dir.resolve(e.file() + LAST_GOOD);
            if (!Files.isRegularFile(good)) {
                boot.closed(f + " rejected: " + error + "; kept as " + rejected + "; no " + good.getFileName()
                        + " to fall back to");
                continue;
            }
            String goodError = load(frontend, restore, good);
            if (goodError != null) {
                boot.closed(f + " rejected: " + error + "; kept as " + rejected + "; " + good.getFileName()
                        + " rejected too: " + goodError);
            } else {
                loaded.put(e.file(), new Loaded(null, true));
                boot.lastGood(f + " rejected: " + error + "; kept as " + rejected + "; loaded " + good.getFileName()
                        + " instead");
            }
        }
        return boot;
    }

    /** The entry of a family. */
    static Entry entry(org.pkttables.api.Family f) {
        for (Entry e : ENTRIES) {
            if (e.tool().equals(f.tool())) {
                return e;
            }
        }
        throw new IllegalArgumentException("no state file for " + f);
    }

    /** How {@link #restore} loaded the family's file; null when it did not (missing, or failed closed). */
    Loaded loaded(Entry e) {
        return loaded.get(e.file());
    }

    /** The checkpoint marker of the family's file as it is on disk now (null: none, or no file). */
    Marker marker(Entry e) {
        Path f = dir.resolve(e.file());
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (java.io.BufferedReader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
            String first = r.readLine();
            return first == null ? null : Marker.of(first);
        } catch (IOException x) {
            return null;
        }
    }

    /** The save text of every family that has a save command (read together: call it with commits held). */
    Map<Entry, String> read(CommandFrontend frontend) throws IOException {
        Map<Entry, String> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<Entry, CommandFrontend.Result> s : saves(frontend).entrySet()) {
            if (!s.getValue().ok()) {
                throw new IOException(failure(s.getKey(), s.getValue()));
            }
            out.put(s.getKey(), s.getValue().out());
        }
        return out;
    }

    /** What the save command of each family the frontend has prints (in {@link #ENTRIES} order). */
    private static Map<Entry, CommandFrontend.Result> saves(CommandFrontend frontend) {
        Map<Entry, CommandFrontend.Result> out = new java.util.LinkedHashMap<>();
        List<String> commands = frontend.commands();
        for (Entry e : ENTRIES) {
            String save = e.tool() + "-save";
            if (commands.contains(save)) {
                out.put(e, frontend.run(save, List.of(), null));
            }
        }
        return out;
    }

    private static String failure(Entry e, CommandFrontend.Result r) {
        return e.tool() + "-save failed: " + (r.err() + r.out()).strip();
    }

    /**
     * Writes a checkpoint: every family's file, each starting with the marker line, each file synced and
     * renamed over the old one, then the directory synced. When this returns the checkpoint is on disk.
     */
    void writeCheckpoint(Map<Entry, String> texts, Marker marker) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<Entry, String> t : texts.entrySet()) {
            writeFile(dir.resolve(t.getKey().file()), (marker.line() + t.getValue()).getBytes(StandardCharsets.UTF_8));
            written.put(t.getKey().file(), withoutComments(t.getValue()));
        }
        syncDirectory(dir);
    }

    /** Restores one file; returns null when it loaded, else why not (the ruleset is then untouched). */
    private String load(CommandFrontend frontend, String restore, Path f) {
        String text;
        try {
            text = StrictUtf8Lines.read(f);
        } catch (IOException x) {
            return x.getMessage() == null ? x.toString() : x.getMessage();
        }
        CommandFrontend.Result r = frontend.run(restore, List.of("--fail-closed-missing"), text);
        if (!r.ok()) {
            String why = (r.err() + r.out()).strip();
            return why.startsWith(restore + ":") ? why : restore + ": " + why;
        }
        if (f.getFileName().toString().endsWith(LAST_GOOD)) {
            // The next save writes the live rules to the family's file (it is gone: set aside).
            return null;
        }
        written.put(f.getFileName().toString(), withoutComments(text));
        return null;
    }

    private void keepLastGood(BootState boot, Entry e, Path f) {
        Path good = dir.resolve(e.file() + LAST_GOOD);
        try {
            byte[] bytes = Files.readAllBytes(f);
            if (!Files.isRegularFile(good) || !java.util.Arrays.equals(bytes, Files.readAllBytes(good))) {
                writeAtomically(good, bytes);
            }
            Files.setPosixFilePermissions(f, OWNER_ONLY);
        } catch (IOException | UnsupportedOperationException x) {
            boot.warning("cannot keep " + good.getFileName() + ": " + x);
        }
    }

    /** Moves a rejected file to a name no earlier rejection has (link + unlink: never replaces one). */
    Path setAside(Path f) throws IOException {
        String base = f.getFileName() + REJECTED + STAMP.format(clock.instant());
        for (int i = 0;; i++) {
            Path to = dir.resolve(i == 0 ? base : base + "." + i);
            try {
                Files.createLink(to, f);
            } catch (FileAlreadyExistsException x) {
                continue;
            }
            Files.delete(f);
            Files.setPosixFilePermissions(to, OWNER_ONLY);
            syncDirectory(dir);
            return to;
        }
    }

    /**
     * Writes the current ruleset of every family that has a save command; files whose rules did not
     * change are left alone. When this returns, what it wrote is on disk (files and directory synced).
     *
     * @return one line per family that could not be saved
     */
    List<String> save(CommandFrontend frontend) throws IOException {
        Files.createDirectories(dir);
        List<String> problems = new ArrayList<>();
        boolean renamed = false;
        for (Map.Entry<Entry, CommandFrontend.Result> s : saves(frontend).entrySet()) {
            Entry e = s.getKey();
            CommandFrontend.Result r = s.getValue();
            if (!r.ok()) {
                problems.add(failure(e, r));
                continue;
            }
            String rules = withoutComments(r.out());
            if (rules.equals(written.get(e.file()))) {
                continue;
            }
            writeFile(dir.resolve(e.file()), r.out().getBytes(StandardCharsets.UTF_8));
            renamed = true;
            written.put(e.file(), rules);
        }
        if (renamed) {
            syncDirectory(dir);
        }
        return problems;
    }

    /** Replaces {@code target} atomically with {@code text} (UTF-8), owner-only, synced with its directory. */
    static void writeAtomically(Path target, String text) throws IOException {
        writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path target, byte[] bytes) throws IOException {
        writeFile(target, bytes);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /** Temp file (0600), fsync, rename over the target; the caller syncs the directory. */
    private static void writeFile(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        // A temp file left by a crash may have other permissions: start afresh.
        Files.deleteIfExists(tmp);
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnly)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes renames in {@code dir} durable (without it a crash can bring the old name back). */
    static void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static boolean isEmpty(Path f) {
        try {
            return Files.size(f) == 0;
        } catch (IOException x) {
            return false;
        }
    }

    private static String withoutComments(String save) {
        return save.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
    }
}
