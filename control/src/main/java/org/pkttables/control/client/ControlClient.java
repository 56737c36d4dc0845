package org.pkttables.control.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;

/** Sends one command to a running appliance and hands its output to the caller as it arrives. */
public final class ControlClient {
    /** Receives the command's output while it runs. */
    public interface Sink {
        void out(String text);

        void err(String text);
    }

    /** A command's complete output, for callers that do not stream. */
    public record Result(int exit, String out, String err) {
    }

    private final Path socket;

    public ControlClient(Path socket) {
        this.socket = socket;
    }

    /**
     * Runs {@code argv} (command word first) with {@code stdin} (or null) and returns its exit code.
     *
     * @throws IOException when the appliance cannot be reached or breaks the protocol
     */
    public int run(List<String> argv, String stdin, Sink sink) throws IOException {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(ch)));
            Wire.writeRequest(out, new Wire.Request(argv, stdin));
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(ch)));
            while (true) {
                byte tag;
                try {
                    tag = in.readByte();
                } catch (EOFException e) {
                    throw new IOException("appliance closed the connection before sending an exit code", e);
                }
                switch (tag) {
                    case Wire.OUT -> sink.out(Wire.readString(in, Wire.MAX_STRING));
                    case Wire.ERR -> sink.err(Wire.readString(in, Wire.MAX_STRING));
                    case Wire.EXIT -> {
                        return in.readInt();
                    }
                    default -> throw new IOException("unknown response frame '" + (char) tag + "'");
                }
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
