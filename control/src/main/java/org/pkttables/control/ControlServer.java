package org.pkttables.control;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.pkttables.control.client.Wire;

/**
 * The control socket: a UNIX domain socket, readable and writable by its owner only, that runs one
 * command per connection (see {@link Wire}).
 *
 * <p>The socket is bound inside a fresh owner-only directory, set to 0600 and only then renamed to its
 * public path, so there is no moment where another user could connect to it.
 */
final class ControlServer implements AutoCloseable {
    /** Runs one request, writing to {@code out}; returns the exit code. */
    interface Handler {
        int handle(Wire.Request request, Output out) throws IOException;
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final ExecutorService workers;
    private final Thread acceptor;

    private ControlServer(Path path, ServerSocketChannel server, Handler handler) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> daemon(r, "pkttables-control-" + n.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, "pkttables-control-accept");
    }

    /** Binds the socket at {@code path} and starts serving. */
    static ControlServer open(Path path, Handler handler) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        removeStale(path);
        Path tmpDir = Files.createTempDirectory(dir, ".pkttables-sock",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = tmpDir.resolve("s");
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(tmp));
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Files.deleteIfExists(tmpDir);
        }
        ControlServer s = new ControlServer(path, ch, handler);
        s.acceptor.start();
        return s;
    }

    /** A socket file left by a crashed appliance is removed; one that still answers is another appliance. */
    private static void removeStale(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket; not replacing it");
        }
        boolean answers;
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            answers = true;
        } catch (IOException e) {
            answers = false;
        }
        if (answers) {
            throw new IOException("another appliance is already listening on " + path);
        }
        Files.delete(path);
    }

    Path path() {
        return path;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (AsynchronousCloseException e) {
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                System.err.println("pkttables control: accept failed: " + e.getMessage());
                continue;
            }
            workers.execute(() -> serve(c));
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(c)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(c)));
            Wire.Request req;
            try {
                req = Wire.readRequest(in);
            } catch (EOFException e) {
                // Connected and left without a word: a liveness probe (another appliance starting up).
                return;
            } catch (IOException e) {
                Wire.writeFrame(out, Wire.ERR, "pkttables: bad request: " + e.getMessage() + "\n");
                Wire.writeExit(out, 2);
                return;
            }
            int exit = handler.handle(req, new Output() {
                @Override
                public void out(String text) throws IOException {
                    Wire.writeFrame(out, Wire.OUT, text);
                }

                @Override
                public void err(String text) throws IOException {
                    Wire.writeFrame(out, Wire.ERR, text);
                }

                @Override
                public void keepAlive() throws IOException {
                    out.writeByte(Wire.OUT);
                    Wire.writeString(out, "");
                    out.flush();
                }
            });
            Wire.writeExit(out, exit);
        } catch (IOException e) {
            // The client went away mid-answer (a ctl killed with ^C), or we are closing; nothing left to tell it.
            if (server.isOpen()) {
                System.err.println("pkttables control: connection ended: " + e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
            workers.shutdownNow();
        } finally {
            Files.deleteIfExists(path);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
