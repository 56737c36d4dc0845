package org.pkttables.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.pkttables.api.CallerFiles;
import org.pkttables.control.client.Wire;

/**
 * The files of a {@code ctl} client, which opens them with its own permissions and streams them over
 * its connection (see {@link Wire}): the appliance never opens a path on behalf of a socket caller.
 * Each stream holds one chunk.
 */
final class RemoteFiles implements CallerFiles {
    private final Connection connection;
    private int next;

    RemoteFiles(Connection connection) {
        this.connection = connection;
    }

    private synchronized int handle() {
        return ++next;
    }

    @Override
    public InputStream read(String name) throws IOException {
        int h = handle();
        connection.ask(Wire.OPEN_READ, h, StandardCharsets.UTF_8.encode(Objects.requireNonNull(name)), null);
        return new In(h);
    }

    @Override
    public OutputStream write(String name) throws IOException {
        int h = handle();
        connection.ask(Wire.OPEN_WRITE, h, StandardCharsets.UTF_8.encode(Objects.requireNonNull(name)), null);
        return new Out(h);
    }

    private final class In extends InputStream {
        private final int handle;
        private final ByteBuffer buf = ByteBuffer.allocate(Wire.CHUNK).flip();
        private boolean end;
        private boolean closed;

        In(int handle) {
            this.handle = handle;
        }

        private boolean fill() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            while (!buf.hasRemaining() && !end) {
                buf.clear();
                try {
                    end = connection.ask(Wire.READ_NEXT, handle, null, buf) == Wire.END;
                } finally {
                    buf.flip();
                }
            }
            return buf.hasRemaining();
        }

        @Override
        public int read() throws IOException {
            return fill() ? buf.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                connection.ask(Wire.CLOSE, handle, null, null);
            }
        }
    }

    private final class Out extends OutputStream {
        private final int handle;
        private final byte[] buf = new byte[Wire.CHUNK];
        private int n;
        private boolean closed;

        Out(int handle) {
            this.handle = handle;
        }

        @Override
        public void write(int b) throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                if (n == buf.length) {
                    flush();
                }
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
            }
        }

        /** Sends what is buffered; whether it reached the file is known at {@link #close}. */
        @Override
        public void flush() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            if (n > 0) {
                connection.send(Wire.WRITE_DATA, handle, ByteBuffer.wrap(buf, 0, n));
                n = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                flush();
                closed = true;
                connection.ask(Wire.CLOSE, handle, null, null);
            }
        }
    }
}
