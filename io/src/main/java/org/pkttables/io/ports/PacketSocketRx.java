package org.pkttables.io.ports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.pkttables.io.frames.VnetHeader;

/**
 * The receive side of a port without libpcap: an AF_PACKET SOCK_RAW socket bound to the interface for
 * every protocol (ETH_P_ALL), promiscuous (PACKET_ADD_MEMBERSHIP PACKET_MR_PROMISC), inbound only
 * (PACKET_IGNORE_OUTGOING, else frames with sll_pkttype PACKET_OUTGOING are skipped here), read with
 * MSG_DONTWAIT (the capture thread sleeps in poll() on {@link #fd} when nothing is waiting),
 * with PACKET_VNET_HDR so that each frame comes behind its {@code struct virtio_net_hdr} and a GRO
 * super-frame arrives whole, and a large SO_RCVBUFFORCE. Frames are read in batches of {@link #BATCH}
 * with one recvmmsg(2) (a direct JNA call) into fixed native slots; {@link #next}/{@link #read} then hand
 * them out one by one, as libpcap's pcap_next_ex did: the frame bytes (after the virtio_net_hdr, which is
 * skipped) are exactly what the packet socket under libpcap copied, so a partial checksum or a
 * super-frame reaches the workers as before. The message lengths and flags are read through a direct
 * ByteBuffer view (no JNI call per frame), nothing is allocated per frame.
 * Layout: x86-64/aarch64 Linux (struct mmsghdr 64 bytes, iovec 16), as {@link MmsgTxBatch#supported}.
 */
final class PacketSocketRx {
    static final int BATCH = 64;
    private static final int AF_PACKET = 17;
    private static final int SOCK_RAW = 3;
    private static final int ETH_P_ALL = 0x0003;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVBUFFORCE = 33;
    private static final int SO_RCVBUF = 8;
    private static final int PACKET_ADD_MEMBERSHIP = 1;
    private static final int PACKET_MR_PROMISC = 1;
    private static final int PACKET_STATISTICS = 6;
    private static final int PACKET_VNET_HDR = 15;
    private static final int PACKET_OUTGOING = 4;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_TRUNC = 0x20;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    /** A frame of a packet socket with PACKET_VNET_HDR that the kernel cannot describe (an unknown GSO type). */
    private static final int EINVAL = 22;
    /** sizeof(struct sockaddr_ll); sll_pkttype at 10. */
    private static final int SOCKADDR_LL = 20;
    private static final int MMSGHDR = 64;
    private static final int MSG_NAME = 0;
    private static final int MSG_NAMELEN = 8;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_FLAGS = 48;
    private static final int MSG_LEN = 56;
    private static final int IOVEC = 16;
    /** A 64 KiB GRO super-frame behind an Ethernet header and a tag, with room to spare. */
    static final int MAX_FRAME = 65_536 + 64;
    /** One slot: the virtio_net_hdr, then the frame; cache-line aligned. */
    private static final int SLOT = (VnetHeader.LENGTH + MAX_FRAME + 63) & ~63;

    final int fd;
    private final String name;
    /** False when PACKET_IGNORE_OUTGOING was refused: outgoing frames are then skipped by sll_pkttype. */
    final boolean kernelIgnoresOutgoing;
    private final Memory data;
    private final ByteBuffer frames;
    private final Memory msgs;
    private final ByteBuffer hdrs;
    private final Memory names;
    private final ByteBuffer addrs;
    /** Messages of the last recvmmsg, and the next one {@link #next} looks at. */
    private int count;
    private int cursor;
    /** The slot of the frame {@link #next} returned. */
    private int current;
    /** Frames lost here: cut short (longer than a slot) or refused by the kernel's virtio_net_hdr (EINVAL). */
    private long lost;
    private final int[] stats = new int[2];
    private final int[] statsLen = new int[1];

    private PacketSocketRx(int fd, String name, boolean kernelIgnoresOutgoing) {
        this.fd = fd;
        this.name = name;
        this.kernelIgnoresOutgoing = kernelIgnoresOutgoing;
        data = new Memory((long) SLOT * BATCH);
        frames = data.getByteBuffer(0, data.size());
        msgs = new Memory((long) MMSGHDR * BATCH);
        msgs.clear();
        hdrs = msgs.getByteBuffer(0, msgs.size()).order(ByteOrder.nativeOrder());
        Memory iovs = new Memory((long) IOVEC * BATCH);
        names = new Memory((long) SOCKADDR_LL * BATCH);
        names.clear();
        addrs = names.getByteBuffer(0, names.size());
        for (int i = 0; i < BATCH; i++) {
            iovs.setPointer((long) IOVEC * i, data.share((long) SLOT * i));
            iovs.setLong((long) IOVEC * i + 8, SLOT);
            long m = (long) MMSGHDR * i;
            msgs.setPointer(m + MSG_IOV, iovs.share((long) IOVEC * i));
            msgs.setLong(m + MSG_IOVLEN, 1);
            if (!kernelIgnoresOutgoing) {
                msgs.setPointer(m + MSG_NAME, names.share((long) SOCKADDR_LL * i));
                msgs.setInt(m + MSG_NAMELEN, SOCKADDR_LL);
            }
        }
        this.iovs = iovs;
    }

    /** Kept reachable: the kernel reads the iovecs through the message headers. */
    @SuppressWarnings("unused")
    private final Memory iovs;

    /**
     * Opens the socket on interface {@code name} with a receive buffer of {@code bufferBytes}; the
     * exception says which step failed and why (the caller then falls back to libpcap).
     */
    static PacketSocketRx open(String name, int bufferBytes) throws IOException {
        if (!MmsgTxBatch.supported()) {
            throw new IOException("recvmmsg layout not known on this platform (" + System.getProperty("os.arch") + ")");
        }
        int index = Libpcap.C.if_nametoindex(name);
        if (index == 0) {
            throw new IOException("if_nametoindex(" + name + ") failed (errno " + Native.getLastError() + ")");
        }
        // Protocol 0 until bound: the socket gets no frame of any other interface in between.
        int fd = Libpcap.C.socket(AF_PACKET, SOCK_RAW, 0);
        if (fd < 0) {
            throw new IOException("socket(AF_PACKET, SOCK_RAW, 0) failed (errno " + Native.getLastError() + ")");
        }
        try {
            setInt(fd, Libpcap.SOL_PACKET, PACKET_VNET_HDR, 1, "PACKET_VNET_HDR");
            if (Libpcap.C.setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, new int[] {bufferBytes}, 4) != 0) {
                // Without CAP_NET_ADMIN: as much as net.core.rmem_max allows.
                setInt(fd, SOL_SOCKET, SO_RCVBUF, bufferBytes, "SO_RCVBUF");
            }
            boolean ignoring = Libpcap.C.setsockopt(fd, Libpcap.SOL_PACKET, Libpcap.PACKET_IGNORE_OUTGOING,
                    new int[] {1}, 4) == 0;
            byte[] sll = new byte[SOCKADDR_LL];
            sll[0] = AF_PACKET; // sll_family, little-endian
            sll[2] = (byte) (ETH_P_ALL >>> 8); // sll_protocol, network order
            sll[3] = (byte) ETH_P_ALL;
            putInt(sll, 4, index);
            if (Libpcap.C.bind(fd, sll, SOCKADDR_LL) != 0) {
                throw new IOException("bind to " + name + " failed (errno " + Native.getLastError() + ")");
            }
            // struct packet_mreq { int mr_ifindex; unsigned short mr_type, mr_alen; unsigned char mr_address[8]; }
            byte[] mreq = new byte[16];
            putInt(mreq, 0, index);
            mreq[4] = PACKET_MR_PROMISC;
            if (Libpcap.C.setsockopt(fd, Libpcap.SOL_PACKET, PACKET_ADD_MEMBERSHIP, mreq, mreq.length) != 0) {
                throw new IOException("PACKET_ADD_MEMBERSHIP PACKET_MR_PROMISC refused (errno "
                        + Native.getLastError() + ")");
            }
            return new PacketSocketRx(fd, name, ignoring);
        } catch (IOException | RuntimeException e) {
            Libpcap.C.close(fd);
            throw e;
        }
    }

    private static void setInt(int fd, int level, int opt, int value, String what) throws IOException {
        if (Libpcap.C.setsockopt(fd, level, opt, new int[] {value}, 4) != 0) {
            throw new IOException(what + " refused (errno " + Native.getLastError() + ")");
        }
    }

    private static void putInt(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    /**
     * The length of the next frame, 0 when none is waiting, -1 when the socket failed (errno in the
     * message of {@link #failure}). After a positive answer, {@link #read} copies the frame.
     */
    int next() {
        while (true) {
            if (cursor == count) {
                cursor = 0;
                count = Libpcap.C.recvmmsg(fd, msgs, BATCH, MSG_DONTWAIT, null);
                if (count <= 0) {
                    int errno = count < 0 ? Native.getLastError() : 0;
                    count = 0;
                    if (errno == EINVAL) {
                        lost++; // a frame the kernel could not put behind a virtio_net_hdr; it is gone
                        return 0; // the next call reads on (never a loop here on a socket that always says so)
                    }
                    return errno == 0 || errno == EAGAIN || errno == EINTR ? 0 : failed(errno);
                }
            }
            int i = cursor++;
            int h = MMSGHDR * i;
            int len = hdrs.getInt(h + MSG_LEN) - VnetHeader.LENGTH;
            if ((hdrs.getInt(h + MSG_FLAGS) & MSG_TRUNC) != 0 || len < 0) {
                lost++;
                continue;
            }
            if (!kernelIgnoresOutgoing) {
                hdrs.putInt(h + MSG_NAMELEN, SOCKADDR_LL);
                if (addrs.get(SOCKADDR_LL * i + 10) == PACKET_OUTGOING) {
                    continue;
                }
            }
            current = i;
            return len;
        }
    }

    private int lastErrno;

    private int failed(int errno) {
        lastErrno = errno;
        return -1;
    }

    /** Why the last {@link #next} answered -1. */
    String failure() {
        return "recvmmsg on " + name + " failed (errno " + lastErrno + ")";
    }

    /** Copies the first {@code len} bytes of the frame {@link #next} found into {@code dst}. */
    void read(byte[] dst, int len) {
        frames.get(SLOT * current + VnetHeader.LENGTH, dst, 0, len);
    }

    /**
     * Adds what the kernel counted since the last call (PACKET_STATISTICS reads and resets it: tp_packets
     * with the drops included, as libpcap counts ps_recv, and tp_drops) to {@code recvDrop}[0] and [1], and
     * the frames lost here to [1].
     */
    void stats(long[] recvDrop) {
        statsLen[0] = 8;
        if (Libpcap.C.getsockopt(fd, Libpcap.SOL_PACKET, PACKET_STATISTICS, stats, statsLen) == 0) {
            recvDrop[0] += Integer.toUnsignedLong(stats[0]);
            recvDrop[1] += Integer.toUnsignedLong(stats[1]);
        }
        recvDrop[1] += lost;
        lost = 0;
    }

    void close() {
        Libpcap.C.close(fd);
    }
}
