package org.pkttables.io.ports;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * Frames for one port queued in native memory and sent with one sendmmsg(2) per batch on the port's
 * packet socket (bound to the interface, as libpcap's pcap_sendpacket uses it): one system call and one
 * pass of the kernel's transmit/receive path for up to {@link #BATCH} frames instead of one each. The
 * queue is flushed when full and whenever the worker has no more frames in hand, so nothing waits.
 * Frames longer than a slot (none after segmentation, but a raw forward may be) go alone, in order.
 * Layout: x86-64/aarch64 Linux (struct mmsghdr 64 bytes, iovec 16); {@link #supported} checks.
 */
final class MmsgTxBatch extends TxBatch {
    public static final int BATCH = 32;
    private static final int MMSGHDR = 64;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int IOVEC = 16;

    private final int fd;
    private final int slot;
    private final Memory data;
    private final Memory iovs;
    private final Memory msgs;
    /** msgAt[i]: the mmsghdr array from entry i on (for a retry after a partial send). */
    private final Pointer[] msgAt = new Pointer[BATCH];
    private final int[] lens = new int[BATCH];
    private int count;

    public static boolean supported() {
        return com.sun.jna.Platform.isLinux() && com.sun.jna.Native.POINTER_SIZE == 8
                && com.sun.jna.Native.LONG_SIZE == 8;
    }

    MmsgTxBatch(Port port, int fd, int maxFrame) {
        super(port);
        this.fd = fd;
        this.slot = (maxFrame + 63) & ~63;
        data = new Memory((long) slot * BATCH);
        iovs = new Memory((long) IOVEC * BATCH);
        msgs = new Memory((long) MMSGHDR * BATCH);
        msgs.clear();
        for (int i = 0; i < BATCH; i++) {
            iovs.setPointer((long) IOVEC * i, data.share((long) slot * i));
            iovs.setLong((long) IOVEC * i + 8, 0);
            msgs.setPointer((long) MMSGHDR * i + MSG_IOV, iovs.share((long) IOVEC * i));
            msgs.setLong((long) MMSGHDR * i + MSG_IOVLEN, 1);
            msgAt[i] = msgs.share((long) MMSGHDR * i);
        }
    }

    @Override
    public boolean add(byte[] frame, int len) {
        if (len > slot) {
            flush();
            outcome(port.send(frame, len), len);
            return true;
        }
        data.write((long) slot * count, frame, 0, len);
        iovs.setLong((long) IOVEC * count + 8, len);
        lens[count++] = len;
        return count == BATCH && flush();
    }

    @Override
    public boolean flush() {
        if (count == 0) {
            return false;
        }
        int i = 0;
        while (i < count) {
            int n = Libpcap.C.sendmmsg(fd, msgAt[i], count - i, 0);
            if (n <= 0) {
                outcome(false, lens[i]); // this frame failed (too big, interface down...): skip it
                i++;
                continue;
            }
            for (int k = i; k < i + n; k++) {
                outcome(true, lens[k]);
            }
            i += n;
        }
        count = 0;
        return true;
    }
}
