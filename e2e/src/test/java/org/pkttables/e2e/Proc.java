package org.pkttables.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command of the repository (bin/pkttables, ip, iptables) and collects what it printed. */
final class Proc {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private Proc() {
    }

    record Result(int exit, String out, String err) {
    }

    /** The jar the build made of module {@code dir} ({@code dir/target/NAME-*.jar}, NAME its last segment). */
    static Path builtJar(String dir) throws IOException {
        String name = Path.of(dir).getFileName().toString();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(ROOT.resolve(dir).resolve("target"), name + "-*.jar")) {
            for (Path p : d) {
                return p;
            }
        }
        throw new AssertionError(dir + " is not built");
    }

    static Result exec(List<String> cmd, String stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd));
        pb.directory(ROOT.toFile());
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        // Read both streams concurrently so neither pipe fills up.
        StreamGobbler err = new StreamGobbler(p.getErrorStream());
        err.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + cmd);
        }
        err.join();
        return new Result(p.exitValue(), out, err.text);
    }

    static final class StreamGobbler extends Thread {
        private final InputStream in;
        volatile String text = "";

        StreamGobbler(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "(stderr unreadable: " + e + ")";
            }
        }
    }
}
