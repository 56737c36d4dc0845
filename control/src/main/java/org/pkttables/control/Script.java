package org.pkttables.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.ShellWords;
import org.pkttables.control.client.RestoreFile;
import org.pkttables.control.client.StrictUtf8Lines;
import org.pkttables.control.client.Wire;

/**
 * A command script ({@code bin/pkttables batch}, {@code --config}): one command per line, split into
 * words like a shell does, {@code #} comments and blank lines skipped. {@code iptables-restore FILE}
 * reads FILE relative to the script's directory. Every line runs, even after a failure; the failures
 * are returned with their line numbers. Scripts and restore files are strict UTF-8
 * ({@link StrictUtf8Lines}): a line that is not fails on its own, a restore file that is not is refused
 * whole.
 */
final class Script {
    /** A line that did not succeed. */
    record Failure(int line, int exit, String text) {
        @Override
        public String toString() {
            return "line " + line + " (exit " + exit + "): " + text;
        }
    }

    private Script() {
    }

    /**
     * Runs every command of {@code text}.
     *
     * @param name    what to call the script in messages ({@code batch}, the config file name)
     * @param baseDir where relative restore files are looked up
     */
    static List<Failure> run(String name, String text, Path baseDir, ControlServer.Handler handler, Output out)
            throws IOException {
        return run(name, StrictUtf8Lines.lines(name, text.getBytes(StandardCharsets.UTF_8)), baseDir, handler, out);
    }

    /**
     * Runs every command of a script read as bytes: a line that is not UTF-8 fails (naming its line and
     * column) and the others still run.
     */
    static List<Failure> run(String name, List<StrictUtf8Lines.Line> lines, Path baseDir,
            ControlServer.Handler handler, Output out) throws IOException {
        return run(name, lines, baseDir, handler, out, false);
    }

    /**
     * As {@link #run(String, List, Path, ControlServer.Handler, Output)}; with {@code stopAtFailure} the
     * lines after the first failure do not run ({@code bin/pkttables replay}: no replay without its rules).
     */
    static List<Failure> run(String name, List<StrictUtf8Lines.Line> lines, Path baseDir,
            ControlServer.Handler handler, Output out, boolean stopAtFailure) throws IOException {
        List<Failure> failures = new ArrayList<>();
        for (StrictUtf8Lines.Line l : lines) {
            if (l.error() != null) {
                out.err(l.error().getMessage() + "\n");
                Failure f = new Failure(l.number(), 2, "(not UTF-8)");
                out.err(name + ": " + f + "\n");
                failures.add(f);
                if (stopAtFailure) {
                    break;
                }
                continue;
            }
            String line = l.text().strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int exit;
            Wire.Request request = null;
            try {
                request = request(line, baseDir);
            } catch (IllegalArgumentException | IOException e) {
                out.err(name + ": line " + l.number() + ": " + e.getMessage() + "\n");
            }
            exit = request == null ? 2 : handler.handle(request, out);
            if (exit != 0) {
                Failure f = new Failure(l.number(), exit, line);
                out.err(name + ": " + f + "\n");
                failures.add(f);
                if (stopAtFailure) {
                    out.err(name + ": stopped at line " + l.number() + "; the lines after it did not run\n");
                    break;
                }
            }
        }
        return failures;
    }

    /** The request for one line; restore commands get their file's text as stdin. */
    static Wire.Request request(String line, Path baseDir) throws IOException {
        List<String> words = ShellWords.split(line);
        if (!RestoreFile.isRestore(words.get(0))) {
            return new Wire.Request(words, null);
        }
        RestoreFile rf = RestoreFile.split(words.subList(1, words.size()));
        if (rf.file() == null) {
            throw new IllegalArgumentException(words.get(0) + " needs a file name in a script");
        }
        Path file = baseDir.resolve(rf.file());
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(words.get(0) + ": cannot open " + file);
        }
        List<String> argv = new ArrayList<>();
        argv.add(words.get(0));
        argv.addAll(rf.options());
        return new Wire.Request(argv, StrictUtf8Lines.read(file));
    }
}
