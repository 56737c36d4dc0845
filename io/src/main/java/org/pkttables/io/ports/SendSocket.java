package org.pkttables.io.ports;

import java.io.IOException;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * A plain send-only packet socket on one port (no PACKET_VNET_HDR): the frames the workers send, one by
 * one ({@link #send}) or in batches on {@link #fd} ({@link MmsgTxBatch}), when the port reads through
 * its own {@link PacketSocketRx} (whose socket expects a virtio_net_hdr in front of every frame it
 * sends). Bound with protocol 0, so the kernel hands it no received frames; the frames it sends are not
 * handed to the port's receive socket either (PACKET_IGNORE_OUTGOING there).
 */
final class SendSocket {
    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int SOCKADDR_LL = 20;

    final int fd;
    private final Memory buf;
    private final int capacity;

    private SendSocket(int fd, int capacity) {
        this.fd = fd;
        this.capacity = capacity;
        this.buf = new Memory(capacity);
    }

    /** Opens the socket on interface {@code name} for frames of up to {@code capacity} bytes. */
    static SendSocket open(String name, int capacity) throws IOException {
        int index = Libpcap.C.if_nametoindex(name);
        if (index == 0) {
            throw new IOException("if_nametoindex(" + name + ") failed (errno " + Native.getLastError() + ")");
        }
        int fd = Libpcap.C.socket(AF_PACKET, SOCK_RAW, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_PACKET, SOCK_RAW, 0) failed (errno " + Native.getLastError() + ")");
        }
        byte[] sll = new byte[SOCKADDR_LL];
        sll[0] = AF_PACKET; // sll_family, little-endian; sll_protocol 0: receive nothing
        sll[4] = (byte) index;
        sll[5] = (byte) (index >>> 8);
        sll[6] = (byte) (index >>> 16);
        sll[7] = (byte) (index >>> 24);
        if (Libpcap.C.bind(fd, sll, SOCKADDR_LL) != 0) {
            int errno = Native.getLastError();
            Libpcap.C.close(fd);
            throw new IOException("bind to " + name + " failed (errno " + errno + ")");
        }
        return new SendSocket(fd, capacity);
    }

    /** Sends {@code frame[0, len)}; false on an error or a frame too long. */
    boolean send(byte[] frame, int len) {
        if (len > capacity) {
            return false;
        }
        buf.write(0, frame, 0, len);
        return Libpcap.C.send(fd, buf, len, 0) == len;
    }

    void close() {
        Libpcap.C.close(fd);
    }
}
