package org.pkttables.control.client;

import java.util.List;

/**
 * The control socket's wire format, one command per connection. Everything, both ways, is a frame:
 * {@code byte tag}, {@code int length} (big-endian, 0..{@link #MAX_FRAME}), then that many bytes. A
 * reader never allocates what a frame claims: a longer claim is a protocol error, and a frame's bytes
 * land in a buffer of fixed size (see {@link FrameChannel}).
 *
 * <p>Request (client to server): {@link #HELLO} with {@link #MAGIC}, one {@link #ARG} per word (the
 * command word, then its arguments, untouched, UTF-8), {@link #STDIN} chunks when the command has
 * standard input (one, possibly empty, at least), then {@link #GO}. The server counts what arrives
 * against its request limit and stores only bytes that did arrive.
 *
 * <p>Answer (server to client): {@link #OUT} and {@link #ERR} chunks (each whole UTF-8 characters) and
 * {@link #KEEPALIVE} while a quiet stream ({@code monitor}) checks the reader is still there, ended by
 * {@link #EXIT} with the exit code. Answers of any size thus pass in bounded pieces.
 *
 * <p>Caller's files: a command that reads or writes a file its caller names asks the client, which
 * opens it with its own permissions. The server sends a request (payload: {@code int handle}, then
 * the rest) and waits for exactly one reply, except for {@link #WRITE_DATA}, which has none:
 * <ul>
 * <li>{@link #OPEN_READ} / {@link #OPEN_WRITE} + file name: reply {@link #OPENED} or {@link #FAILED}
 * + reason;</li>
 * <li>{@link #READ_NEXT}: reply {@link #DATA} + bytes (at most {@link #CHUNK}), {@link #END} at the
 * end of the file, or {@link #FAILED};</li>
 * <li>{@link #WRITE_DATA} + bytes: no reply (a failure is reported when the file is closed);</li>
 * <li>{@link #CLOSE}: reply {@link #CLOSED} or {@link #FAILED} (for a written file: everything is in it
 * once {@link #CLOSED} came).</li>
 * </ul>
 *
 * <p>This is the protocol's one description. It has three clients: {@link ControlClient} (Java),
 * {@code bin/pkttables-ctl} (perl-base: {@code pkttables ctl} and the command shims, no JVM start per
 * call) and, in front of the shims, {@code control/src/main/c/pkttables-shim.c} (native; the plain
 * iptables/ip6tables/arptables calls, the rest handed to perl), which spell these tags and limits again; a
 * change here changes all three ({@code ShimsIT} runs them against each other).
 */
public final class Wire {
    /** "PKT2": guards against talking to some other socket or another build's protocol. */
    public static final int MAGIC = 0x504B5432;

    /** The largest frame payload either side accepts. */
    public static final int MAX_FRAME = 64 << 10;
    /** Text and file data go in pieces of at most this many bytes. */
    public static final int CHUNK = 32 << 10;
    /** The most words in a request. */
    public static final int MAX_ARGS = 4096;
    /** Default limit of a whole request (words and standard input); the server may be set otherwise. */
    public static final int MAX_REQUEST = 64 << 20;

    // request
    public static final byte HELLO = 'P';
    public static final byte ARG = 'A';
    public static final byte STDIN = 'I';
    public static final byte GO = 'G';
    // answer
    public static final byte OUT = 'O';
    public static final byte ERR = 'E';
    public static final byte KEEPALIVE = 'K';
    public static final byte EXIT = 'X';
    // caller's files: server requests
    public static final byte OPEN_READ = 'r';
    public static final byte OPEN_WRITE = 'w';
    public static final byte READ_NEXT = 'n';
    public static final byte WRITE_DATA = 'd';
    public static final byte CLOSE = 'c';
    // caller's files: client replies
    public static final byte OPENED = 'o';
    public static final byte DATA = 'D';
    public static final byte END = 'z';
    public static final byte CLOSED = 'C';
    public static final byte FAILED = 'f';

    /** Exit code of a request the server refuses as malformed, too large or too slow. */
    public static final int EXIT_BAD_REQUEST = 2;
    /** Exit code when the server is at its connection or memory limit: try again (EX_TEMPFAIL). */
    public static final int EXIT_BUSY = 75;

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

    /** A tag as text for messages: the character when printable, else its code. */
    public static String tagName(int tag) {
        return tag >= 0x21 && tag < 0x7f ? "'" + (char) tag + "'" : "0x" + Integer.toHexString(tag & 0xff);
    }
}
