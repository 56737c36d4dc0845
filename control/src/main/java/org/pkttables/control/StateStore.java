package org.pkttables.control;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.pkttables.api.CommandFrontend;

/**
 * The saved ruleset: one {@code *-save} file per family in the state directory ({@code rules.v4},
 * {@code rules.v6}, {@code rules.arp}, as iptables-persistent names them; {@code rules.eb} for ebtables), each replaced atomically
 * (temp file, fsync, rename) so a crash leaves the old or the new file, never half of one.
 */
final class StateStore {
    /** A family's tool and the file its saved rules live in. */
    record Entry(String tool, String file) {
    }

    static final List<Entry> ENTRIES = List.of(new Entry("iptables", "rules.v4"), new Entry("ip6tables", "rules.v6"),
            new Entry("arptables", "rules.arp"), new Entry("ebtables", "rules.eb"));

    private final Path dir;
    /** What each file holds now, without comment lines (save output carries a timestamp). */
    private final Map<String, String> written = new HashMap<>();

    StateStore(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /**
     * Loads every saved family into the ruleset. Rules whose extension is not (yet) loaded are kept and
     * fail closed until it arrives ({@code --fail-closed-missing}): a firewall that boots without one of
     * its extension bundles drops what those rules would have decided, it never forgets them or lets
     * the traffic through. A file the core still rejects is renamed to
     * {@code FILE.rejected} (so the next save cannot overwrite what the user had) and reported.
     *
     * @return one line per problem; empty when everything loaded
     */
    List<String> restore(CommandFrontend frontend) throws IOException {
        List<String> problems = new ArrayList<>();
        List<String> commands = frontend.commands();
        for (Entry e : ENTRIES) {
            Path f = dir.resolve(e.file());
            if (!Files.isRegularFile(f)) {
                continue;
            }
            String restore = e.tool() + "-restore";
            if (!commands.contains(restore)) {
                problems.add(f + " not loaded: " + restore + " is not available (is its L3 bundle missing?)");
                continue;
            }
            String text = Files.readString(f);
            CommandFrontend.Result r = frontend.run(restore, List.of("--fail-closed-missing"), text);
            if (r.ok()) {
                written.put(e.file(), withoutComments(text));
            } else {
                Path rejected = dir.resolve(e.file() + ".rejected");
                Files.move(f, rejected, StandardCopyOption.REPLACE_EXISTING);
                problems.add(f + " rejected by " + restore + " (kept as " + rejected.getFileName() + "): "
                        + (r.err() + r.out()).strip());
            }
        }
        return problems;
    }

    /**
     * Writes the current ruleset of every family that has a save command; files whose rules did not
     * change are left alone.
     *
     * @return one line per family that could not be saved
     */
    List<String> save(CommandFrontend frontend) throws IOException {
        Files.createDirectories(dir);
        List<String> problems = new ArrayList<>();
        List<String> commands = frontend.commands();
        for (Entry e : ENTRIES) {
            String save = e.tool() + "-save";
            if (!commands.contains(save)) {
                continue;
            }
            CommandFrontend.Result r = frontend.run(save, List.of(), null);
            if (!r.ok()) {
                problems.add(save + " failed: " + (r.err() + r.out()).strip());
                continue;
            }
            String rules = withoutComments(r.out());
            if (rules.equals(written.get(e.file()))) {
                continue;
            }
            writeAtomically(dir.resolve(e.file()), r.out());
            written.put(e.file(), rules);
        }
        return problems;
    }

    static void writeAtomically(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(StandardCharsets.UTF_8.encode(text));
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String withoutComments(String save) {
        return save.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n"));
    }
}
