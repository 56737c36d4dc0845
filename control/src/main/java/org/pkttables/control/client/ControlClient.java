package org.pkttables.control.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Sends one command to a running appliance and hands its output to the caller as it arrives, in
 * bounded pieces; files the command asks for are opened here, with this process's permissions
 * ({@link CallerFileServer}).
 */
public final class ControlClient {
    /** Receives the command's output while it runs. */
    public interface Sink {
        void out(String text);

        void err(String text);
    }

    /** A command's complete output, for callers that do not stream. */
    public record Result(int exit, String out, String err) {
    }

    /** The appliance cannot be reached: nothing listens on the socket (or it is not ours to open). */
    public static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Connected, but the conversation broke before the command's exit code came. */
    public static final class Broken extends IOException {
        private static final long serialVersionUID = 1L;

        Broken(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Path socket;
    private final Path base;

    /** A client whose relative file names are relative to this process's working directory. */
    public ControlClient(Path socket) {
        this(socket, Path.of(""));
    }

    /** A client that resolves the relative file names a command asks for against {@code base}. */
    public ControlClient(Path socket, Path base) {
        this.socket = socket;
        this.base = base;
    }

    /**
     * Runs {@code argv} (command word first) with {@code stdin} (or null) and returns its exit code.
     *
     * @throws IllegalArgumentException when the request is beyond the protocol's limits (see {@link Wire})
     * @throws Unreachable when the appliance cannot be reached
     * @throws Broken      when the connection breaks or the appliance breaks the protocol
     */
    public int run(List<String> argv, String stdin, Sink sink) throws IOException {
        Wire.Request request = new Wire.Request(argv, stdin);
        check(request);
        SocketChannel ch;
        try {
            ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            throw new Unreachable(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
        try (ch; CallerFileServer files = new CallerFileServer(base)) {
            FrameChannel frames = new FrameChannel(ch, FrameChannel.Watch.NONE);
            IOException sendFailed = null;
            try {
                send(frames, request);
            } catch (IOException e) {
                // The appliance may have answered and closed already (busy, request too large): read it.
                sendFailed = e;
            }
            try {
                return answer(frames, files, sink);
            } catch (ProtocolException e) {
                throw new Broken("the appliance broke the protocol: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new Broken("the appliance closed the connection before the command's exit code ("
                        + (e instanceof EOFException ? "end of stream" : e.getMessage())
                        + (sendFailed == null ? "" : "; sending the request failed: " + sendFailed.getMessage()) + ")", e);
            }
        }
    }

    /**
     * Refuses, before connecting, what the appliance would refuse: too many words, a word longer than a
     * frame.
     *
     * @throws IllegalArgumentException naming the limit
     */
    static void check(Wire.Request request) {
        if (request.argv().size() > Wire.MAX_ARGS) {
            throw new IllegalArgumentException(request.argv().size() + " words; a command has at most "
                    + Wire.MAX_ARGS);
        }
        for (String a : request.argv()) {
            int n = StandardCharsets.UTF_8.encode(a).remaining();
            if (n > Wire.MAX_FRAME) {
                throw new IllegalArgumentException("a word of " + n + " bytes (" + a.substring(0, 20)
                        + "...); a word has at most " + Wire.MAX_FRAME);
            }
        }
    }

    private static void send(FrameChannel frames, Wire.Request request) throws IOException {
        frames.writeInt(Wire.HELLO, Wire.MAGIC);
        for (String a : request.argv()) {
            frames.write(Wire.ARG, StandardCharsets.UTF_8.encode(a), null);
        }
        if (request.stdin() != null) {
            frames.write(Wire.STDIN);
            frames.writeText(Wire.STDIN, request.stdin());
        }
        frames.write(Wire.GO);
        frames.flush();
    }

    private static int answer(FrameChannel frames, CallerFileServer files, Sink sink) throws IOException {
        while (true) {
            int tag = frames.read();
            switch (tag) {
                case -1 -> throw new EOFException("end of stream");
                case Wire.OUT -> sink.out(frames.text());
                case Wire.ERR -> sink.err(frames.text());
                case Wire.KEEPALIVE -> {
                    // the appliance checks we are still here: nothing to do
                }
                case Wire.EXIT -> {
                    return frames.intAt(0);
                }
                case Wire.OPEN_READ, Wire.OPEN_WRITE, Wire.READ_NEXT, Wire.WRITE_DATA, Wire.CLOSE ->
                    files.serve((byte) tag, frames);
                default -> throw new ProtocolException("unknown answer frame " + Wire.tagName(tag));
            }
        }
    }

    /** Runs a command and collects all of its output. */
    public Result call(List<String> argv, String stdin) throws IOException {
        StringBuilder o = new StringBuilder();
        StringBuilder e = new StringBuilder();
        int exit = run(argv, stdin, new Sink() {
            @Override
            public void out(String text) {
                o.append(text);
            }

            @Override
            public void err(String text) {
                e.append(text);
            }
        });
        return new Result(exit, o.toString(), e.toString());
    }
}
