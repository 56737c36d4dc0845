package org.pkttables.control;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The change history: the last N committed generations of the ruleset (default
 * {@value #DEFAULT_SIZE}, framework property {@value #SIZE}), each with its time, the command line that
 * made it and the uid of whoever ran it, and the whole ruleset it left ({@link RulesetSnapshot}). Each
 * entry is a file of the state directory's {@code history/} ({@code NUMBER.gen}, owner-only, written
 * atomically): its header comment lines, then the ruleset in save format. Generation numbers are the
 * history's own: they go on across restarts (the next is one more than the highest kept) and are not the
 * in-memory generation {@code status} shows. Without a directory it keeps them in memory only ({@code batch}).
 */
final class GenerationHistory {
    static final String SIZE = "pkttables.history.size";
    static final int DEFAULT_SIZE = 20;
    static final String DIR = "history";
    private static final String SUFFIX = ".gen";
    private static final Pattern FILE = Pattern.compile("([0-9]{1,18})\\.gen");
    private static final Pattern HEADER = Pattern.compile("# (generation|time|uid|user|command) (.*)");

    /** One committed generation. */
    record Entry(long gen, Instant time, Caller caller, RulesetSnapshot rules) {
    }

    private final Path dir;
    private final int size;
    private final Clock clock;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private long next = 1;

    private GenerationHistory(Path dir, int size, Clock clock) {
        if (size < 1) {
            throw new IllegalArgumentException(SIZE + " must be at least 1, not " + size);
        }
        this.dir = dir;
        this.size = size;
        this.clock = clock;
    }

    /** A history kept in memory only. */
    static GenerationHistory inMemory(int size, Clock clock) {
        return new GenerationHistory(null, size, clock);
    }

    /**
     * The history of state directory {@code stateDir} ({@code stateDir/history}, created owner-only when
     * missing). An entry file that cannot be read is left where it is and named in {@link #problems()}.
     */
    static GenerationHistory open(Path stateDir, int size, Clock clock) throws IOException {
        Path dir = stateDir.resolve(DIR);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        GenerationHistory h = new GenerationHistory(dir, size, clock);
        h.load();
        return h;
    }

    /**
     * The size from the framework property {@value #SIZE} ({@value #DEFAULT_SIZE} when unset; 0 turns the
     * history, and with it {@code apply} and {@code rollback}, off).
     */
    static int size(String property) {
        if (property == null || property.isBlank()) {
            return DEFAULT_SIZE;
        }
        try {
            int n = Integer.parseInt(property.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(SIZE + "=" + property + ": not a number of generations (0 for none)");
    }

    private void load() throws IOException {
        long highest = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long gen = Long.parseLong(m.group(1));
                highest = Math.max(highest, gen);
                try {
                    entries.put(gen, read(f, gen));
                } catch (IllegalArgumentException | CharacterCodingException e) {
                    problems.add(f + ": " + e.getMessage() + " (left out of the history)");
                }
            }
        }
        next = highest + 1;
        prune();
    }

    private static Entry read(Path f, long gen) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f)))
                .toString();
        List<String> lines = text.lines().toList();
        Instant time = null;
        long uid = -1;
        String user = null;
        String command = null;
        int i = 0;
        for (; i < lines.size(); i++) {
            Matcher m = HEADER.matcher(lines.get(i));
            if (!m.matches()) {
                break;
            }
            String v = m.group(2);
            switch (m.group(1)) {
                case "generation":
                    if (!v.equals(Long.toString(gen))) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": generation " + v + " in the file of "
                                + gen);
                    }
                    break;
                case "time":
                    try {
                        time = Instant.parse(v);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": not a time: " + v);
                    }
                    break;
                case "uid":
                    try {
                        uid = Long.parseLong(v);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("line " + (i + 1) + ": not a uid: " + v);
                    }
                    break;
                case "user":
                    user = v;
                    break;
                default:
                    command = unescape(v);
            }
        }
        if (time == null || command == null) {
            throw new IllegalArgumentException("no `# time' or `# command' line in its header");
        }
        RulesetSnapshot rules = RulesetSnapshot.parse(f.toString(), lines.subList(i, lines.size()), i + 1);
        return new Entry(gen, time, new Caller(uid, user == null ? Long.toString(uid) : user, command), rules);
    }

    /**
     * Records a committed generation: the ruleset {@code rules} left by {@code caller}'s command. Unless
     * {@code always}, a ruleset equal to the last entry's (counters zeroed, a rule deleted and added back)
     * is not recorded again.
     *
     * @return the new entry, or null when nothing was recorded
     * @throws IOException when the entry could not be written (it is not in the history then)
     */
    synchronized Entry record(Caller caller, RulesetSnapshot rules, boolean always) throws IOException {
        Entry last = entries.isEmpty() ? null : entries.lastEntry().getValue();
        if (!always && last != null && last.rules().equals(rules)) {
            return null;
        }
        Entry e = new Entry(next, clock.instant(), caller, rules);
        if (dir != null) {
            StateStore.writeAtomically(file(e.gen()), format(e));
        }
        next++;
        entries.put(e.gen(), e);
        prune();
        return e;
    }

    private void prune() throws IOException {
        while (entries.size() > size) {
            long oldest = entries.firstKey();
            entries.remove(oldest);
            if (dir != null) {
                Files.deleteIfExists(file(oldest));
            }
        }
    }

    private Path file(long gen) {
        return dir.resolve(gen + SUFFIX);
    }

    static String format(Entry e) {
        StringBuilder sb = new StringBuilder();
        sb.append("# generation ").append(e.gen()).append('\n');
        sb.append("# time ").append(e.time()).append('\n');
        sb.append("# uid ").append(e.caller().uid()).append('\n');
        sb.append("# user ").append(escape(e.caller().user())).append('\n');
        sb.append("# command ").append(escape(e.caller().command())).append('\n');
        sb.append(e.rules().text());
        return sb.toString();
    }

    /** One header line per value: a line break in a command's words is written {@code \n} (and {@code \} as {@code \\}). */
    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                sb.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The entry of generation {@code gen}, or null when the history does not (or no longer) keep it. */
    synchronized Entry get(long gen) {
        return entries.get(gen);
    }

    /** The newest entry, or null. */
    synchronized Entry last() {
        Map.Entry<Long, Entry> e = entries.lastEntry();
        return e == null ? null : e.getValue();
    }

    /** Every kept entry, oldest first. */
    synchronized List<Entry> list() {
        return List.copyOf(entries.values());
    }

    /** The oldest and newest kept generation, for messages ("kept: 3 to 22"). */
    synchronized String range() {
        return entries.isEmpty() ? "none kept yet" : "kept: " + entries.firstKey() + " to " + entries.lastKey();
    }

    int size() {
        return size;
    }

    Path dir() {
        return dir;
    }

    /** Entry files that could not be read at open (each with its reason). */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
