package org.pkttables.control;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.CallerFiles;
import org.pkttables.control.client.FrameChannel;
import org.pkttables.control.client.Wire;

/**
 * One client of the control socket, server side: reads its request within the {@link ControlLimits}
 * (taking what arrives from the shared {@link RequestBudget}), writes the command's answer in chunks,
 * and asks the client for the files the command opens ({@link RemoteFiles}).
 *
 * <p>It records when it blocks on the client, so that {@link #check} (the server's reaper) can end a
 * client that owes bytes and sends none, or does not read its answer. Waiting for the client is the
 * client's silence; a command that takes long, or a stream waiting for events, is not.
 */
final class Connection implements Output, FrameChannel.Watch, AutoCloseable {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");
    /** A request the server does not run, with the exit code the client gets. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int exit;

        Refusal(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    private final SocketChannel channel;
    private final FrameChannel frames;
    private final ControlLimits limits;
    private final RequestBudget budget;
    private final RemoteFiles files = new RemoteFiles(this);
    private final long accepted = System.nanoTime();
    /** When the current read or write started to block on the client (0: none is blocked). */
    private volatile long blockedSince;
    private volatile boolean blockedReading;
    private volatile boolean receiving = true;
    private volatile String expired;
    private String broken;
    private long held;

    Connection(SocketChannel channel, ControlLimits limits, RequestBudget budget) {
        this.channel = channel;
        this.frames = new FrameChannel(channel, this);
        this.limits = limits;
        this.budget = budget;
    }

    @Override
    public void blocked(boolean reading) {
        blockedReading = reading;
        blockedSince = System.nanoTime() | 1;
    }

    @Override
    public void unblocked() {
        blockedSince = 0;
    }

    /**
     * Ends the connection when the client is late: its request not complete within the deadline, no
     * bytes it owes within the read timeout (the blocked read then sees the end of the stream and the
     * client is told why, if it still listens), or its answer unread within the write timeout.
     */
    void check(long now) {
        if (expired != null) {
            return;
        }
        long since = blockedSince;
        if (receiving && now - accepted > limits.requestDeadline().toNanos()) {
            expire("the request did not arrive within " + limits.requestDeadline().toSeconds() + " s", true);
        } else if (since != 0 && blockedReading && now - since > limits.readTimeout().toNanos()) {
            expire("nothing came from the client for " + limits.readTimeout().toSeconds() + " s"
                    + (receiving ? " while it sent its request" : " while the command waited for a file"), true);
        } else if (since != 0 && !blockedReading && now - since > limits.writeTimeout().toNanos()) {
            expire("the client read nothing of the answer for " + limits.writeTimeout().toSeconds() + " s", false);
        }
    }

    private void expire(String why, boolean input) {
        expired = why;
        try {
            if (input) {
                channel.shutdownInput();
            } else {
                channel.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "control: ending a late connection: " + e);
        }
    }

    @Override
    public Caller caller(List<String> argv) {
        return PeerCredentials.of(channel, argv);
    }

    /** Why the server ended this connection, or null. */
    String expired() {
        return expired;
    }

    /**
     * Reads the request, storing only bytes that arrived and at most the request limit.
     *
     * @return null when the client left without a word (a liveness probe)
     * @throws Refusal     for a request the server does not run
     * @throws IOException when the client breaks the protocol or leaves (the message says how)
     */
    synchronized Wire.Request readRequest() throws IOException, Refusal {
        int tag = frames.read();
        if (tag < 0) {
            return null;
        }
        if (tag != Wire.HELLO || frames.length() != 4 || frames.intAt(0) != Wire.MAGIC) {
            throw new Refusal(Wire.EXIT_BAD_REQUEST, "not a pkttables control request (it starts with frame "
                    + Wire.tagName(tag) + " of " + frames.length() + " bytes; a ctl of this build starts with 'P' "
                    + "and the protocol number 0x" + Integer.toHexString(Wire.MAGIC) + ")");
        }
        List<String> argv = new ArrayList<>();
        List<byte[]> stdin = null;
        int stdinBytes = 0;
        while (true) {
            tag = frames.read();
            switch (tag) {
                case -1:
                    throw new EOFException("the request ended after " + argv.size() + " word(s), before its last frame");
                case Wire.ARG:
                    if (stdin != null) {
                        throw new ProtocolException("a word after the standard input");
                    }
                    if (argv.size() == Wire.MAX_ARGS) {
                        throw new Refusal(Wire.EXIT_BAD_REQUEST, "more than " + Wire.MAX_ARGS + " words in a request");
                    }
                    take(frames.length());
                    argv.add(word(argv.size() + 1));
                    break;
                case Wire.STDIN:
                    take(frames.length());
                    if (stdin == null) {
                        stdin = new ArrayList<>();
                    }
                    if (frames.length() > 0) {
                        byte[] b = new byte[frames.length()];
                        frames.payload().get(b);
                        stdin.add(b);
                        stdinBytes += b.length;
                    }
                    break;
                case Wire.GO:
                    if (argv.isEmpty()) {
                        throw new ProtocolException("a request without a command word");
                    }
                    receiving = false;
                    return new Wire.Request(argv, stdin == null ? null : join(stdin, stdinBytes));
                default:
                    throw new ProtocolException("frame " + Wire.tagName(tag) + " in a request");
            }
        }
    }

    /**
     * Word {@code n} of the request, which must be UTF-8: a byte that is not is refused, naming the word and the
     * byte, rather than kept as U+FFFD in a rule that would then save otherwise than given (restore input is
     * held to the same, {@link org.pkttables.control.client.StrictUtf8Lines}).
     */
    private String word(int n) throws Refusal {
        byte[] b = new byte[frames.length()];
        frames.payload().get(b);
        try {
            return org.pkttables.control.client.StrictUtf8Lines.decode("word " + n, b);
        } catch (org.pkttables.control.client.MalformedUtf8Exception e) {
            int at = (int) e.offset();
            throw new Refusal(Wire.EXIT_BAD_REQUEST, String.format("word %d of the command is not UTF-8 (byte 0x%02x at "
                    + "byte %d of \"%s\"); rules are kept as UTF-8 text", n, b[at] & 0xff, at + 1,
                    new String(b, StandardCharsets.UTF_8)));
        }
    }

    private static String join(List<byte[]> chunks, int n) {
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        chunks.clear();
        return new String(all, StandardCharsets.UTF_8);
    }

    private void take(int n) throws Refusal {
        if (held + n > limits.maxRequest()) {
            throw new Refusal(Wire.EXIT_BAD_REQUEST, "request too large: more than " + size(limits.maxRequest())
                    + " (the control socket's limit per request, " + ControlLimits.PREFIX + "maxRequest)");
        }
        if (!budget.take(n)) {
            throw new Refusal(Wire.EXIT_BUSY, "busy: the appliance is receiving " + size(budget.limit())
                    + " of requests already (its limit, " + ControlLimits.PREFIX + "requestBudget); try again");
        }
        held += n;
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** Gives back what the request took from the budget. */
    synchronized void release() {
        budget.give(held);
        held = 0;
    }

    @Override
    public synchronized void out(String text) throws IOException {
        frames.writeText(Wire.OUT, text);
        frames.flush();
    }

    @Override
    public synchronized void err(String text) throws IOException {
        frames.writeText(Wire.ERR, text);
        frames.flush();
    }

    @Override
    public synchronized void keepAlive() throws IOException {
        frames.write(Wire.KEEPALIVE);
        frames.flush();
    }

    @Override
    public CallerFiles files() {
        return files;
    }

    /**
     * Sends the exit code: the end of the answer. After a client's reply broke the protocol, the client
     * gets that reason and {@link Wire#EXIT_BAD_REQUEST} instead.
     */
    synchronized void exit(int code) throws IOException {
        if (broken != null) {
            frames.writeText(Wire.ERR, "pkttables: bad reply from the client: " + broken + "\n");
            code = Wire.EXIT_BAD_REQUEST;
        }
        frames.writeInt(Wire.EXIT, code);
        frames.flush();
    }

    /** Answers a request that does not run: the reason on stderr and the exit code. */
    synchronized void refuse(int exit, String message) throws IOException {
        release(); // what the refused request held goes back before the client reads why (it may retry at once)
        frames.writeText(Wire.ERR, message);
        frames.writeInt(Wire.EXIT, exit);
        frames.flush();
    }

    /**
     * Sends a file request and returns the client's reply tag; {@link Wire#DATA} is copied into
     * {@code into}. A {@link Wire#FAILED} reply is thrown as an IOException with the client's reason.
     */
    synchronized int ask(byte tag, int handle, ByteBuffer payload, ByteBuffer into) throws IOException {
        send(tag, handle, payload);
        frames.flush();
        int reply;
        try {
            reply = frames.read();
            if (reply < 0) {
                throw new EOFException("the client left while the command waited for a file");
            }
            if (frames.intAt(0) != handle) {
                throw new ProtocolException("reply for file handle " + frames.intAt(0) + ", expected " + handle);
            }
            ByteBuffer rest = frames.payload().position(4);
            switch (reply) {
                case Wire.FAILED:
                    throw new java.io.IOException(StandardCharsets.UTF_8.decode(rest).toString());
                case Wire.DATA:
                    if (into == null || rest.remaining() > into.remaining()) {
                        throw new ProtocolException("unexpected file data of " + rest.remaining() + " bytes");
                    }
                    into.put(rest);
                    return reply;
                case Wire.OPENED:
                case Wire.END:
                case Wire.CLOSED:
                    return reply;
                default:
                    throw new ProtocolException("frame " + Wire.tagName(reply) + " where a file reply was due");
            }
        } catch (ProtocolException | EOFException e) {
            broken = e.getMessage();
            throw e;
        }
    }

    /** Sends a file request that has no reply ({@link Wire#WRITE_DATA}). */
    synchronized void send(byte tag, int handle, ByteBuffer payload) throws IOException {
        usable();
        if (payload != null && payload.remaining() > Wire.MAX_FRAME - 4) {
            throw new IOException("a file name of " + payload.remaining() + " bytes is too long");
        }
        frames.write(tag, ByteBuffer.allocate(4).putInt(0, handle), payload);
    }

    private void usable() throws IOException {
        if (broken != null) {
            throw new IOException("the client broke the protocol: " + broken);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
