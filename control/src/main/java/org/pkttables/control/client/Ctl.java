package org.pkttables.control.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/pkttables ctl [--socket PATH] COMMAND ARGS...}: runs one command in the running appliance,
 * with the arguments exactly as the shell passed them, prints its stdout and stderr to ours as they
 * arrive and exits with its exit code. Restore commands read their file (or our stdin) here and send
 * the text along; any other file a command reads or writes is opened here too, with our permissions.
 *
 * <p>{@code bin/pkttables-ctl} (perl-base, no JVM start) is the same client for the shell; {@code
 * bin/pkttables ctl} runs that one unless {@code PKTTABLES_CTL=java}. Both print the same and exit the
 * same (ShimsIT compares them).
 *
 * <p>Exit codes of its own: {@link #UNREACHABLE} only when the appliance cannot be reached at all,
 * {@link #BROKEN} when the connection breaks before the command's exit code came, 2 for a request
 * beyond the protocol's limits; the appliance answers {@link Wire#EXIT_BUSY} when it is at its
 * connection or memory limit.
 */
public final class Ctl {
    /** Exit code when the appliance cannot be reached (iptables uses 4 for "resource problem"). */
    static final int UNREACHABLE = 4;
    /** Exit code when the conversation broke after connecting (EX_PROTOCOL). */
    static final int BROKEN = 76;

    private Ctl() {
    }

    public static void main(String[] argv) {
        System.exit(run(Arrays.asList(argv), System.out, System.err));
    }

    static int run(List<String> argv, PrintStream stdout, PrintStream stderr) {
        return run(argv, System.in, stdout, stderr);
    }

    static int run(List<String> argv, InputStream stdinStream, PrintStream stdout, PrintStream stderr) {
        List<String> words = new ArrayList<>(argv);
        String socket = System.getenv("PKTTABLES_SOCKET");
        if (!words.isEmpty() && words.get(0).equals("--socket")) {
            if (words.size() < 2) {
                stderr.println("pkttables ctl: --socket needs a path");
                return 2;
            }
            socket = words.get(1);
            words = words.subList(2, words.size());
        }
        if (socket == null || words.isEmpty()) {
            stderr.println("usage: pkttables ctl [--socket PATH] COMMAND [ARGS...]");
            return 2;
        }
        String stdin = null;
        if (RestoreFile.isRestore(words.get(0))) {
            try {
                RestoreFile rf = RestoreFile.split(words.subList(1, words.size()));
                stdin = rf.file() == null ? StrictUtf8Lines.decode("<stdin>", readStdin(stdinStream))
                        : StrictUtf8Lines.read(Path.of(rf.file()));
                List<String> w = new ArrayList<>();
                w.add(words.get(0));
                w.addAll(rf.options());
                words = w;
            } catch (NoSuchFileException e) {
                stderr.println(words.get(0) + ": cannot open " + e.getFile() + ": no such file");
                return 1;
            } catch (AccessDeniedException e) {
                stderr.println(words.get(0) + ": cannot open " + e.getFile() + ": permission denied");
                return 1;
            } catch (MalformedUtf8Exception e) {
                stderr.println(words.get(0) + ": " + e.getMessage() + "; nothing restored");
                return 1;
            } catch (IOException | IllegalArgumentException e) {
                stderr.println(words.get(0) + ": " + e.getMessage());
                return 1;
            }
        }
        try {
            return new ControlClient(Path.of(socket)).run(words, stdin, new ControlClient.Sink() {
                @Override
                public void out(String text) {
                    stdout.print(text);
                    stdout.flush();
                }

                @Override
                public void err(String text) {
                    stderr.print(text);
                    stderr.flush();
                }
            });
        } catch (ControlClient.Unreachable e) {
            stderr.println("pkttables ctl: cannot talk to the appliance at " + socket + ": " + e.getMessage()
                    + " (is 'bin/pkttables run' running?)");
            return UNREACHABLE;
        } catch (IOException e) {
            stderr.println("pkttables ctl: " + socket + ": " + e.getMessage());
            return BROKEN;
        } catch (IllegalArgumentException e) {
            stderr.println("pkttables ctl: " + e.getMessage());
            return 2;
        }
    }

    /** Standard input, refused beyond the request limit rather than read without bound. */
    private static byte[] readStdin(InputStream in) throws IOException {
        byte[] b = in.readNBytes(Wire.MAX_REQUEST + 1);
        if (b.length > Wire.MAX_REQUEST) {
            throw new IOException("standard input is larger than " + (Wire.MAX_REQUEST >> 20)
                    + " MiB, the most one command may send to the appliance");
        }
        return b;
    }
}
