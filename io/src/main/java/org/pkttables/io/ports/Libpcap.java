package org.pkttables.io.ports;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The few libpcap and libc calls of the live packet path, bound by JNA's direct mapping (a plain JNI
 * call each: no callback objects, no per-call allocation). pcap4j still opens, configures, reads the
 * statistics of and closes the handles; its per-packet paths (a JNA callback into Java plus a fresh
 * byte[] per frame for receive) cost more than the frame itself at small sizes.
 */
public final class Libpcap {
    static final int SOL_PACKET = 263;
    /** Linux 4.20+: the packet socket is not handed the frames sent through its own interface. */
    static final int PACKET_IGNORE_OUTGOING = 23;
    public static final short POLLIN = 1;

    static {
        // The same library pcap4j loads ("pcap", JNA finds the versioned libpcap.so.N).
        Native.register(Libpcap.class, NativeLibrary.getInstance(System.getProperty("org.pcap4j.core.pcapLibName",
                "pcap")));
    }

    private Libpcap() {
    }

    /** 1: a frame (header and data pointers stored at hdr/data), 0: none now (non-blocking), < 0: error. */
    static native int pcap_next_ex(Pointer pcap, Pointer hdr, Pointer data);

    static native int pcap_sendpacket(Pointer pcap, byte[] buf, int size);

    static native int pcap_setnonblock(Pointer pcap, int nonblock, byte[] errbuf);

    static native int pcap_get_selectable_fd(Pointer pcap);

    /** libc, bound here so that the whole native surface of the data path sits in one place. */
    public static final class C {
        static {
            Native.register(C.class, NativeLibrary.getInstance("c"));
        }

        private C() {
        }

        public static native int poll(Pointer fds, long nfds, int timeoutMillis);

        static native int sendmmsg(int fd, Pointer msgvec, int vlen, int flags);

        static native int setsockopt(int fd, int level, int name, int[] value, int len);

        static native int setsockopt(int fd, int level, int name, byte[] value, int len);

        static native int getsockopt(int fd, int level, int name, int[] value, int[] len);

        /** The last argument is a struct timespec *; null: no timeout. */
        static native int recvmmsg(int fd, Pointer msgvec, int vlen, int flags, Pointer timeout);

        static native int socket(int domain, int type, int protocol);

        static native int bind(int fd, byte[] addr, int len);

        static native long send(int fd, Pointer buf, long len, int flags);

        static native int close(int fd);

        static native int if_nametoindex(String name);
    }
}
