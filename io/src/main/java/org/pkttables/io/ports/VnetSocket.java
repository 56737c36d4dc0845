package org.pkttables.io.ports;

import java.io.IOException;

import com.sun.jna.Memory;
import com.sun.jna.Native;

import org.pkttables.io.frames.VnetHeader;

/**
 * A send-only packet socket on one port with PACKET_VNET_HDR: every frame it sends starts with a
 * {@code struct virtio_net_hdr}, so a TCP super-frame goes to the kernel whole and is cut there (GSO,
 * or not at all when the device takes it as it is: a veth hands it to its peer whole). Opened with
 * protocol 0, so the kernel hands it no received frames. Frames are copied into one native buffer after
 * the header and sent with one send(2); nothing is allocated per frame.
 */
final class VnetSocket {
    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int PACKET_VNET_HDR = 15;
    /** sizeof(struct sockaddr_ll). */
    private static final int SOCKADDR_LL = 20;
    /** An IP packet of at most 64 KiB behind an Ethernet header and a tag. */
    static final int MAX_FRAME = 65_535 + 18;

    private final int fd;
    private final Memory buf = new Memory(VnetHeader.LENGTH + MAX_FRAME);

    private VnetSocket(int fd) {
        this.fd = fd;
    }

    /** Opens the socket on interface {@code name}; the exception says which step failed and why. */
    static VnetSocket open(String name) throws IOException {
        int index = Libpcap.C.if_nametoindex(name);
        if (index == 0) {
            throw new IOException("if_nametoindex(" + name + ") failed (errno " + Native.getLastError() + ")");
        }
        int fd = Libpcap.C.socket(AF_PACKET, SOCK_RAW, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_PACKET, SOCK_RAW, 0) failed (errno " + Native.getLastError() + ")");
        }
        try {
            if (Libpcap.C.setsockopt(fd, Libpcap.SOL_PACKET, PACKET_VNET_HDR, new int[] {1}, 4) != 0) {
                throw new IOException("PACKET_VNET_HDR refused (errno " + Native.getLastError() + ")");
            }
            byte[] sll = new byte[SOCKADDR_LL];
            sll[0] = AF_PACKET; // sll_family, little-endian; sll_protocol 0: receive nothing
            sll[4] = (byte) index;
            sll[5] = (byte) (index >>> 8);
            sll[6] = (byte) (index >>> 16);
            sll[7] = (byte) (index >>> 24);
            if (Libpcap.C.bind(fd, sll, SOCKADDR_LL) != 0) {
                throw new IOException("bind to " + name + " failed (errno " + Native.getLastError() + ")");
            }
        } catch (IOException e) {
            Libpcap.C.close(fd);
            throw e;
        }
        return new VnetSocket(fd);
    }

    /** Sends {@code frame[off, off+len)} behind the header {@code vnet}; false on an error or a frame too long. */
    boolean send(byte[] vnet, byte[] frame, int off, int len) {
        if (len > MAX_FRAME) {
            return false;
        }
        buf.write(0, vnet, 0, VnetHeader.LENGTH);
        buf.write(VnetHeader.LENGTH, frame, off, len);
        return Libpcap.C.send(fd, buf, VnetHeader.LENGTH + len, 0) == VnetHeader.LENGTH + len;
    }

    void close() {
        Libpcap.C.close(fd);
    }
}
