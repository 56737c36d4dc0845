package org.pkttables.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.ShellWords;
import org.pkttables.control.client.RestoreFile;
import org.pkttables.control.client.Wire;

/**
 * A command script ({@code bin/pkttables batch}, {@code --config}): one command per line, split into
 * words like a shell does, {@code #} comments and blank lines skipped. {@code iptables-restore FILE}
 * reads FILE relative to the script's directory. Every line runs, even after a failure; the failures
 * are returned with their line numbers.
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
        List<Failure> failures = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int exit;
            try {
                exit = handler.handle(request(line, baseDir), out);
            } catch (IllegalArgumentException e) {
                out.err(name + ": line " + (i + 1) + ": " + e.getMessage() + "\n");
                exit = 2;
            }
            if (exit != 0) {
                Failure f = new Failure(i + 1, exit, line);
                out.err(name + ": " + f + "\n");
                failures.add(f);
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
        return new Wire.Request(argv, Files.readString(file));
    }
}
