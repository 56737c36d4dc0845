package org.pkttables.control.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The control socket's wire format, one command per connection.
 *
 * <p>Request: {@code int MAGIC}, {@code int argc}, argc × string (the command word, then its
 * arguments, untouched), then {@code int stdinLength} (-1 when there is no standard input) and that
 * many bytes. Strings are {@code int length} + UTF-8 bytes; ints are big-endian.
 *
 * <p>Response: a stream of frames, so long-running commands ({@code monitor}) can stream: {@link #OUT}
 * or {@link #ERR} + string, ended by {@link #EXIT} + {@code int exitCode}.
 */
public final class Wire {
    /** "PKT1": guards against talking to some other socket. */
    public static final int MAGIC = 0x504B5431;
    public static final byte OUT = 'O';
    public static final byte ERR = 'E';
    public static final byte EXIT = 'X';

    /** Limits that keep a broken or hostile peer from making the other side allocate without bound. */
    public static final int MAX_ARGS = 4096;
    public static final int MAX_STRING = 16 << 20;
    public static final int MAX_STDIN = 64 << 20;

    private Wire() {
    }

    /** One command as sent over the socket. */
    public record Request(List<String> argv, String stdin) {
        public Request {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) {
                throw new IllegalArgumentException("a request needs at least the command word");
            }
        }

        public String command() {
            return argv.get(0);
        }

        public List<String> args() {
            return argv.subList(1, argv.size());
        }
    }

    public static void writeRequest(DataOutputStream out, Request r) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(r.argv().size());
        for (String a : r.argv()) {
            writeString(out, a);
        }
        if (r.stdin() == null) {
            out.writeInt(-1);
        } else {
            byte[] b = r.stdin().getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
        out.flush();
    }

    public static Request readRequest(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException("not a pkttables control request (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int argc = in.readInt();
        if (argc < 1 || argc > MAX_ARGS) {
            throw new IOException("argument count " + argc + " outside 1.." + MAX_ARGS);
        }
        List<String> argv = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            argv.add(readString(in, MAX_STRING));
        }
        int n = in.readInt();
        String stdin = null;
        if (n >= 0) {
            stdin = new String(readBytes(in, n, MAX_STDIN), StandardCharsets.UTF_8);
        } else if (n != -1) {
            throw new IOException("bad stdin length " + n);
        }
        return new Request(argv, stdin);
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInputStream in, int max) throws IOException {
        return new String(readBytes(in, in.readInt(), max), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(DataInputStream in, int n, int max) throws IOException {
        if (n < 0 || n > max) {
            throw new IOException("length " + n + " outside 0.." + max);
        }
        byte[] b = new byte[n];
        try {
            in.readFully(b);
        } catch (EOFException e) {
            throw new IOException("connection closed in the middle of a " + n + "-byte field", e);
        }
        return b;
    }

    /** Writes one output frame; a no-op for empty text. */
    public static void writeFrame(DataOutputStream out, byte tag, String text) throws IOException {
        if (text == null || text.isEmpty()) {
            return;
        }
        out.writeByte(tag);
        writeString(out, text);
        out.flush();
    }

    public static void writeExit(DataOutputStream out, int exit) throws IOException {
        out.writeByte(EXIT);
        out.writeInt(exit);
        out.flush();
    }
}
