package org.pkttables.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandFrontend;

/**
 * Commands that open their caller's files, as {@code ipset save -file}, {@code replay F --out G} do:
 * {@code cat F} prints F, {@code tee F} writes its stdin to F, {@code copy F G} copies F to G.
 * Without a caller (the 3-argument run) they refuse, so a test sees which path ran.
 */
final class FileFrontend implements CommandFrontend {
    @Override
    public List<String> commands() {
        return List.of("cat", "tee", "copy");
    }

    @Override
    public Result run(String command, List<String> args, String stdin) {
        return new Result(99, "", command + ": run without the caller's files\n");
    }

    @Override
    public Result run(String command, List<String> args, String stdin, CallerFiles files) {
        try {
            switch (command) {
                case "cat":
                    return new Result(0, CallerFiles.readString(files, args.get(0)), "");
                case "tee":
                    try (OutputStream o = files.write(args.get(0))) {
                        o.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                    return new Result(0, "", "");
                case "copy":
                    long n;
                    try (InputStream in = files.read(args.get(0)); OutputStream o = files.write(args.get(1))) {
                        n = in.transferTo(o);
                    }
                    return new Result(0, n + " bytes\n", "");
                default:
                    return new Result(127, "", command + ": unknown\n");
            }
        } catch (IOException e) {
            return new Result(1, "", command + ": " + e.getMessage() + "\n");
        }
    }
}
