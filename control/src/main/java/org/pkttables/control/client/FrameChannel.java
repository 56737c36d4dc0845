package org.pkttables.control.client;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ByteChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Frames (see {@link Wire}) over a channel through two buffers of fixed size: reading a frame never
 * allocates, whatever its header claims, and text of any length is written in {@link Wire#CHUNK}
 * pieces. Not thread-safe: one reader and one writer at a time (callers synchronize).
 */
public final class FrameChannel {
    /** Told when a read or write blocks on the peer and when it is done (the server's timeouts). */
    public interface Watch {
        void blocked(boolean reading);

        void unblocked();

        Watch NONE = new Watch() {
            @Override
            public void blocked(boolean reading) {
            }

            @Override
            public void unblocked() {
            }
        };
    }

    public static final int HEADER = 5;

    private final ByteChannel channel;
    private final Watch watch;
    /** Read mode: the bytes received and not yet consumed. */
    private final ByteBuffer in = ByteBuffer.allocate(HEADER + Wire.MAX_FRAME).flip();
    /** Write mode: frames not yet sent. */
    private final ByteBuffer out = ByteBuffer.allocate(HEADER + Wire.MAX_FRAME);
    private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private int length;
    private int consumed;

    public FrameChannel(ByteChannel channel, Watch watch) {
        this.channel = channel;
        this.watch = watch;
    }

    /**
     * Reads the next frame and returns its tag (0..255); its payload is then {@link #payload()}. Returns
     * -1 when the peer ended the stream between two frames.
     *
     * @throws ProtocolException when the header claims more than {@link Wire#MAX_FRAME} bytes
     * @throws EOFException      when the stream ends inside a frame
     */
    public int read() throws IOException {
        in.position(in.position() + consumed);
        consumed = 0;
        length = 0;
        if (!fill(1, true)) {
            return -1;
        }
        fill(HEADER, false);
        int tag = in.get(in.position()) & 0xff;
        int n = in.getInt(in.position() + 1);
        if (n < 0 || n > Wire.MAX_FRAME) {
            throw new ProtocolException("frame " + Wire.tagName(tag) + " claims " + Integer.toUnsignedString(n)
                    + " bytes; frames are at most " + Wire.MAX_FRAME);
        }
        fill(HEADER + n, false);
        in.position(in.position() + HEADER);
        length = n;
        consumed = n;
        return tag;
    }

    /** The payload of the frame {@link #read} returned: valid until the next read. */
    public ByteBuffer payload() {
        return in.slice(in.position(), length).asReadOnlyBuffer();
    }

    public int length() {
        return length;
    }

    /** The payload as UTF-8 text (malformed bytes replaced). */
    public String text() {
        return StandardCharsets.UTF_8.decode(payload()).toString();
    }

    /** The payload's first int (a handle, an exit code). */
    public int intAt(int offset) throws ProtocolException {
        if (length < offset + 4) {
            throw new ProtocolException("frame of " + length + " bytes is too short for its number");
        }
        return in.getInt(in.position() + offset);
    }

    private boolean fill(int n, boolean endOk) throws IOException {
        while (in.remaining() < n) {
            in.compact();
            int r;
            watch.blocked(true);
            try {
                r = channel.read(in);
            } finally {
                watch.unblocked();
                in.flip();
            }
            if (r < 0) {
                if (endOk && !in.hasRemaining()) {
                    return false;
                }
                throw new EOFException("connection closed in the middle of a frame (" + in.remaining() + " of "
                        + (n < HEADER ? HEADER : n) + " bytes)");
            }
        }
        return true;
    }

    /** Queues a frame whose payload is {@code a} (if not null) and {@code b}; see {@link #flush}. */
    public void write(byte tag, ByteBuffer a, ByteBuffer b) throws IOException {
        int n = (a == null ? 0 : a.remaining()) + (b == null ? 0 : b.remaining());
        if (n > Wire.MAX_FRAME) {
            throw new IllegalArgumentException("frame of " + n + " bytes; at most " + Wire.MAX_FRAME);
        }
        if (out.remaining() < HEADER + n) {
            flush();
        }
        out.put(tag).putInt(n);
        if (a != null) {
            out.put(a);
        }
        if (b != null) {
            out.put(b);
        }
    }

    public void write(byte tag) throws IOException {
        write(tag, null, null);
    }

    public void writeInt(byte tag, int value) throws IOException {
        write(tag, ByteBuffer.allocate(4).putInt(0, value), null);
    }

    /** Queues a frame of {@code handle} followed by UTF-8 {@code text} (at most one frame's worth). */
    public void writeHandle(byte tag, int handle, String text) throws IOException {
        write(tag, ByteBuffer.allocate(4).putInt(0, handle), StandardCharsets.UTF_8.encode(text));
    }

    /**
     * Queues {@code text} as frames of {@code tag} of at most {@link Wire#CHUNK} bytes, each whole
     * UTF-8 characters; nothing for empty text. Encodes straight into the send buffer: no copy of the
     * whole text is made.
     */
    public void writeText(byte tag, CharSequence text) throws IOException {
        if (text == null || text.length() == 0) {
            return;
        }
        CharBuffer chars = CharBuffer.wrap(text);
        encoder.reset();
        boolean flushed = false;
        while (chars.hasRemaining() || !flushed) {
            if (out.remaining() < HEADER + 8) {
                flush();
            }
            int start = out.position();
            ByteBuffer window = out.slice(start + HEADER, Math.min(out.remaining() - HEADER, Wire.CHUNK));
            CoderResult r = encoder.encode(chars, window, true);
            if (r.isUnderflow()) {
                r = encoder.flush(window);
                flushed = r.isUnderflow();
            }
            if (r.isError()) {
                r.throwException();
            }
            int n = window.position();
            if (n > 0) {
                out.put(start, tag).putInt(start + 1, n);
                out.position(start + HEADER + n);
            }
            if (r.isOverflow() && n == 0) {
                flush(); // not even one character fitted behind the frames already queued
            }
        }
    }

    /** Sends everything queued. */
    public void flush() throws IOException {
        out.flip();
        try {
            while (out.hasRemaining()) {
                watch.blocked(false);
                try {
                    channel.write(out);
                } finally {
                    watch.unblocked();
                }
            }
        } finally {
            out.compact();
        }
    }
}
