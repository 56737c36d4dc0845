package org.pkttables.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.pkttables.control.client.Wire;

/**
 * The control socket: a UNIX domain socket, readable and writable by its owner only (or by the
 * members of the socket group too, {@value #SOCKET_GROUP}), that runs one command per connection
 * (see {@link Wire}).
 *
 * <p>The socket is bound inside a fresh owner-only directory, set to 0600 and only then renamed to its
 * public path, so there is no moment where another user could connect to it.
 *
 * <p>Bounded whatever the clients do ({@link ControlLimits}): at most {@code maxConnections} are
 * served at once, each on one thread of a capped pool, and one more is answered "busy" at once rather
 * than left waiting; a request is read in frames of fixed size and stored only as far as it arrived,
 * within the per-request limit and the budget shared by all connections; a reaper ends the clients
 * that owe bytes and send none, or do not read their answer.
 */
final class ControlServer implements AutoCloseable {
    /** Runs one request, writing to {@code out}; returns the exit code. */
    interface Handler {
        int handle(Wire.Request request, Output out) throws IOException;
    }

    /** Property: the group whose members may use the socket (0660), else owner-only (0600). */
    static final String SOCKET_GROUP = "pkttables.socket.group";

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final long REAP_MILLIS = 200;

    private final Path path;
    private final ServerSocketChannel server;
    private final Handler handler;
    private final ControlLimits limits;
    private final RequestBudget budget;
    private final Semaphore slots;
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService reaper;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong busy = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final RateLimitedLog log = new RateLimitedLog("control: ",
            System.getLogger("org.pkttables.control"));
    private final Thread acceptor;

    private ControlServer(Path path, ServerSocketChannel server, Handler handler, ControlLimits limits) {
        this.path = path;
        this.server = server;
        this.handler = handler;
        this.limits = limits;
        this.budget = new RequestBudget(limits.requestBudget());
        this.slots = new Semaphore(limits.maxConnections());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(limits.maxConnections(), limits.maxConnections(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "pkttables-control-" + n.incrementAndGet()));
        this.workers.allowCoreThreadTimeOut(true);
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pkttables-control-reaper"));
        this.acceptor = daemon(this::acceptLoop, "pkttables-control-accept");
    }

    /** Binds the socket at {@code path} and starts serving, with the default limits. */
    static ControlServer open(Path path, Handler handler) throws IOException {
        return open(path, handler, ControlLimits.DEFAULT);
    }

    /**
     * Binds the socket at {@code path} and starts serving, with the limits and the socket group
     * ({@value #SOCKET_GROUP}) set in {@code properties}.
     *
     * @throws IOException also when a limit is not a number or the group does not exist (the appliance
     *                     then cannot start)
     */
    static ControlServer open(Path path, Handler handler, UnaryOperator<String> properties) throws IOException {
        ControlLimits limits;
        try {
            limits = ControlLimits.from(properties);
        } catch (IllegalArgumentException e) {
            throw new IOException("control socket: " + e.getMessage(), e);
        }
        String group = properties.apply(SOCKET_GROUP);
        return open(path, handler, limits, group == null || group.isBlank() ? null : group.trim());
    }

    /** Binds the socket at {@code path}, owner-only, and starts serving. */
    static ControlServer open(Path path, Handler handler, ControlLimits limits) throws IOException {
        return open(path, handler, limits, null);
    }

    /**
     * Binds the socket at {@code path} and starts serving: owner-only ({@code group} null), or 0660 owned
     * by {@code group}, whose members then talk to the appliance without being its user. The socket's
     * directory is made 0750 and given to {@code group} too when the appliance owns it and it is not
     * world-writable (its own {@code /run/pkttables}, never a shared {@code /tmp}).
     */
    static ControlServer open(Path path, Handler handler, ControlLimits limits, String group) throws IOException {
        GroupPrincipal owners = group == null ? null : groupNamed(group);
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (owners != null && ownOwnerWritable(dir)) {
            Files.getFileAttributeView(dir, PosixFileAttributeView.class).setGroup(owners);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
        }
        removeStale(path);
        Path tmpDir = Files.createTempDirectory(dir, ".pkttables-sock",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path tmp = tmpDir.resolve("s");
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(tmp), 256);
            if (owners == null) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } else {
                Files.getFileAttributeView(tmp, PosixFileAttributeView.class).setGroup(owners);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-rw----"));
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(tmp);
            throw e;
        } finally {
            Files.deleteIfExists(tmpDir);
        }
        ControlServer s = new ControlServer(path, ch, handler, limits);
        s.reaper.scheduleWithFixedDelay(s::reap, REAP_MILLIS, REAP_MILLIS, TimeUnit.MILLISECONDS);
        s.acceptor.start();
        return s;
    }

    private static GroupPrincipal groupNamed(String group) throws IOException {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
        } catch (UserPrincipalNotFoundException e) {
            throw new IOException("control socket: the socket group `" + group + "' (" + SOCKET_GROUP
                    + ") does not exist", e);
        }
    }

    /** {@code dir} belongs to the user this JVM runs as and others cannot write to it. */
    private static boolean ownOwnerWritable(Path dir) throws IOException {
        PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class);
        return a.owner().getName().equals(System.getProperty("user.name"))
                && !a.permissions().contains(PosixFilePermission.OTHERS_WRITE);
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

    ControlLimits limits() {
        return limits;
    }

    /** The request bytes held now, and the most ever held (never above the budget). */
    RequestBudget budget() {
        return budget;
    }

    /** Connections being served now. */
    int connections() {
        return open.size();
    }

    /** Connections answered "busy" because {@code maxConnections} were being served. */
    long busyRefusals() {
        return busy.get();
    }

    /** Connections whose handling ended in an unexpected exception (a bug): tests expect none. */
    long failures() {
        return failures.get();
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
                log.say("accept failed: " + e.getMessage());
                continue;
            }
            if (!slots.tryAcquire()) {
                busy.incrementAndGet();
                refuseNow(c, "pkttables: busy: " + limits.maxConnections() + " control connections are open, the "
                        + "limit (" + ControlLimits.PREFIX + "maxConnections); try again\n");
                continue;
            }
            Connection conn = new Connection(c, limits, budget);
            open.add(conn);
            try {
                workers.execute(() -> serve(conn));
            } catch (RejectedExecutionException e) {
                open.remove(conn);
                slots.release();
                refuseNow(c, "pkttables: the control socket is closing\n");
            }
        }
    }

    /** Answers busy without a thread: the few bytes fit the socket's buffer, the write never blocks. */
    private static void refuseNow(SocketChannel c, String message) {
        try (c) {
            ByteBuffer b = ByteBuffer.allocate(256 + message.length() * 3);
            byte[] text = message.getBytes(StandardCharsets.UTF_8);
            b.put(Wire.ERR).putInt(text.length).put(text).put(Wire.EXIT).putInt(4).putInt(Wire.EXIT_BUSY).flip();
            c.configureBlocking(false);
            c.write(b);
        } catch (IOException e) {
            // The client left already; it would not read the answer anyway.
        }
    }

    private void reap() {
        long now = System.nanoTime();
        for (Connection c : open) {
            c.check(now);
        }
    }

    private void serve(Connection c) {
        try (c) {
            Wire.Request req;
            try {
                req = c.readRequest();
            } catch (Connection.Refusal r) {
                c.refuse(r.exit, "pkttables: " + r.getMessage() + "\n");
                return;
            } catch (IOException e) {
                String why = c.expired() != null ? c.expired() : e.getMessage();
                c.refuse(Wire.EXIT_BAD_REQUEST, "pkttables: bad request: " + why + "\n");
                return;
            }
            if (req == null) {
                if (c.expired() != null) {
                    c.refuse(Wire.EXIT_BAD_REQUEST, "pkttables: bad request: " + c.expired() + "\n");
                }
                return; // connected and left without a word: a liveness probe (another appliance starting up)
            }
            int exit = handler.handle(req, c);
            // The request is answered: its bytes go back to the budget before the exit status reaches the
            // client, so a client that sends its next request at once finds them free (idempotent below).
            c.release();
            c.exit(exit);
        } catch (IOException e) {
            // The client went away mid-answer (a ctl killed with ^C), was too late, or we are closing.
            if (server.isOpen()) {
                log.say("connection ended: " + (c.expired() != null ? c.expired() : e.toString()));
            }
        } catch (RuntimeException e) {
            failures.incrementAndGet();
            log.say("internal error serving a connection: " + e);
            e.printStackTrace();
        } finally {
            c.release();
            open.remove(c);
            slots.release();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
            reaper.shutdownNow();
            workers.shutdownNow();
            for (Connection c : open) {
                c.close();
            }
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
