package org.pkttables.control;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The datagram socket systemd names in {@code NOTIFY_SOCKET} (sd_notify(3)): one {@code sendto} per
 * message. The JDK has UNIX domain sockets for streams only, so this goes through libc with JNA (a bundle
 * of the runtime already, for io's pcap4j) rather than another library. A path starting with {@code @}
 * is in the abstract namespace.
 */
final class SdNotifySocket implements AutoCloseable {
    private static final int AF_UNIX = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int SUN_PATH = 108;

    /** The libc calls used. */
    interface CLib extends Library {
        int socket(int domain, int type, int protocol);

        long sendto(int fd, byte[] buf, long len, int flags, byte[] addr, int addrlen);

        int close(int fd);
    }

    private static final class Holder {
        static final CLib C = Native.load("c", CLib.class);
    }

    private final String where;
    private final byte[] address;
    private int fd;

    private SdNotifySocket(String where, byte[] address, int fd) {
        this.where = where;
        this.address = address;
        this.fd = fd;
    }

    /** Opens a socket toward {@code notifySocket} (the value of {@code NOTIFY_SOCKET}). */
    static SdNotifySocket open(String notifySocket) throws IOException {
        byte[] path = notifySocket.getBytes(StandardCharsets.UTF_8);
        boolean abstractName = notifySocket.startsWith("@");
        if (path.length == 0 || path.length >= SUN_PATH || !(abstractName || notifySocket.startsWith("/"))) {
            throw new IOException("NOTIFY_SOCKET `" + notifySocket + "' is not an absolute or abstract socket path");
        }
        // struct sockaddr_un: sa_family_t (native order), then the path (NUL-terminated unless abstract).
        byte[] addr = new byte[2 + path.length + (abstractName ? 0 : 1)];
        boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        addr[little ? 0 : 1] = AF_UNIX;
        System.arraycopy(path, 0, addr, 2, path.length);
        if (abstractName) {
            addr[2] = 0;
        }
        int fd = Holder.C.socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("NOTIFY_SOCKET: socket() failed, errno " + Native.getLastError());
        }
        return new SdNotifySocket(notifySocket, addr, fd);
    }

    /** Sends one message ({@code READY=1\nSTATUS=...}). */
    synchronized void send(String message) throws IOException {
        if (fd < 0) {
            throw new IOException("NOTIFY_SOCKET " + where + ": closed");
        }
        byte[] b = message.getBytes(StandardCharsets.UTF_8);
        long n = Holder.C.sendto(fd, b, b.length, MSG_NOSIGNAL, address, address.length);
        if (n != b.length) {
            throw new IOException("NOTIFY_SOCKET " + where + ": sendto failed, errno " + Native.getLastError());
        }
    }

    @Override
    public synchronized void close() {
        if (fd >= 0) {
            Holder.C.close(fd);
            fd = -1;
        }
    }
}
