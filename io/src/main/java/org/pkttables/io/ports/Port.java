package org.pkttables.io.ports;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;

/**
 * One bridge or router port: an interface without addresses, its MTU and the counters of its capture
 * thread. A mode's port ({@link #open(int)}) reads through its own packet socket ({@link PacketSocketRx}:
 * recvmmsg batches, PACKET_VNET_HDR) and sends through a plain one ({@link SendSocket}); with
 * {@code -Dpkttables.rx=pcap}, or when that socket cannot be opened (the reason is in {@link #rxPath}), it
 * reads and sends through a libpcap handle (promiscuous, immediate mode, inbound only so it never captures
 * what the appliance sends on it) with {@link Libpcap}'s direct calls on pcap4j's handle, as the live
 * capture of {@code gen} always does ({@link #open(int, int, boolean)}). Either way {@link #next} and
 * {@link #read} copy a frame into a caller's reused buffer.
 */
public class Port {
    public static final int RX = 0;
    public static final int RX_BYTES = 1;
    public static final int OVERFLOW = 2;
    public static final int PCAP_RECV = 3;
    public static final int PCAP_DROP = 4;
    public static final int PCAP_IFDROP = 5;
    public static final int COUNTERS = 6;

    /** System property choosing the receive path of a mode's ports: {@code socket} (default) or {@code pcap}. */
    public static final String RX_PROPERTY = "pkttables.rx";
    private static final System.Logger LOG = System.getLogger("org.pkttables.io");

    /** Large enough for a 64 KiB GSO/GRO super-frame plus headers, so none is cut short. */
    private static final int SNAPLEN = 262_144;

    public final int index;
    public final String name;
    public final int mtu;
    public final Counters counters = new Counters(COUNTERS);
    public final Offloads offloads;
    /** Offset of caplen in struct pcap_pkthdr, after a struct timeval of two longs. */
    private static final int CAPLEN = 2 * Native.LONG_SIZE;

    public PcapHandle handle;
    /** The pcap_t of {@link #handle}. */
    private Pointer pcap;
    /** pcap_next_ex's two out-parameters (header and data pointers), and views to read through. */
    private final Memory outs = new Memory(16);
    private final Pointer hdrOut = outs.share(0, 8);
    private final Pointer dataOut = outs.share(8, 8);
    private final Pointer hdr = new Pointer(0);
    private final Pointer data = new Pointer(0);
    /** The two pointers pcap_next_ex stored, read with one call. */
    private final long[] addrs = new long[2];
    /** The descriptor to poll() for this port's frames. */
    public int fd = -1;
    /** The own receive socket, or null when the port reads through libpcap. */
    private PacketSocketRx rx;
    /** The plain send socket that goes with {@link #rx}. */
    private SendSocket tx;
    /** How this port reads: the own socket, or libpcap and why. */
    private String rxPath = "not open";
    /** PACKET_STATISTICS summed (they reset on each read): received, dropped; rx_dropped of the interface at open. */
    private final long[] kernelStats = new long[2];
    private long ifDropsBase = -1;
    /** Where TCP super-frames go whole (kernel GSO); null when not opened or not available. */
    private VnetSocket gso;

    public Port(int index, String name) throws IOException {
        this.index = index;
        this.name = name;
        Path sys = Path.of("/sys/class/net", name);
        if (!Files.isDirectory(sys)) {
            throw new IOException("no interface named " + name);
        }
        this.mtu = Integer.parseInt(Files.readString(sys.resolve("mtu")).trim());
        this.offloads = new Offloads(name);
    }

    /** A port that is not attached to an interface (tests override {@link #send}). */
    public Port(int index, String name, int mtu) {
        this.index = index;
        this.name = name;
        this.mtu = mtu;
        this.offloads = new Offloads(name);
    }

    /** Biggest frame the port sends unchanged: the MTU plus an Ethernet header and one VLAN tag. */
    public int maxFrame() {
        return mtu + 18;
    }

    /**
     * Opens the port for a mode: its own packet socket unless {@code -Dpkttables.rx=pcap}, libpcap when
     * that fails (the reason is logged and kept in {@link #rxPath}).
     */
    public void open(int bufferBytes) throws PcapNativeException {
        String mode = System.getProperty(RX_PROPERTY, "socket");
        if (!mode.equals("socket") && !mode.equals("pcap")) {
            throw new IllegalArgumentException("-D" + RX_PROPERTY + "=" + mode + ": the receive path is `socket' "
                    + "(the default) or `pcap'");
        }
        String why = "-D" + RX_PROPERTY + "=pcap";
        if (mode.equals("socket")) {
            try {
                tx = SendSocket.open(name, PacketSocketRx.MAX_FRAME);
                rx = PacketSocketRx.open(name, bufferBytes);
                fd = rx.fd;
                ifDropsBase = ifDrops();
                rxPath = "own packet socket (recvmmsg, PACKET_VNET_HDR"
                        + (rx.kernelIgnoresOutgoing ? "" : ", outgoing frames skipped by sll_pkttype") + ")";
                return;
            } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
                if (tx != null) {
                    tx.close();
                    tx = null;
                }
                why = "own packet socket not available: " + e.getMessage();
                LOG.log(System.Logger.Level.WARNING, "port " + name + ": " + why + "; reading through libpcap");
            }
        }
        open(bufferBytes, SNAPLEN, true);
        rxPath = "libpcap (" + why + ")";
    }

    /** How the port reads its frames, and why libpcap when it does (for the log). */
    public String rxPath() {
        return rxPath;
    }

    /**
     * Opens the handle: promiscuous, immediate mode, non-blocking; {@code snaplen} bytes of each frame are
     * captured; {@code inboundOnly}: only frames arriving on the interface (not those sent on it).
     */
    public void open(int bufferBytes, int snaplen, boolean inboundOnly) throws PcapNativeException {
        PcapHandle.Builder b = new PcapHandle.Builder(name).snaplen(snaplen)
                .promiscuousMode(PromiscuousMode.PROMISCUOUS).timeoutMillis(10).bufferSize(bufferBytes)
                .immediateMode(true);
        if (inboundOnly) {
            b.direction(PcapHandle.PcapDirection.IN);
        }
        handle = b.build();
        pcap = pcapOf(handle);
        byte[] err = new byte[256];
        if (Libpcap.pcap_setnonblock(pcap, 1, err) != 0) {
            throw new PcapNativeException("cannot make " + name + " non-blocking: " + Native.toString(err));
        }
        fd = Libpcap.pcap_get_selectable_fd(pcap);
    }

    /**
     * Asks the kernel not to hand this port's socket the frames the bridge sends on it: libpcap drops
     * them itself (direction IN), but only after the kernel has copied each one into the ring. Null
     * when done, else why not (old kernel): then libpcap's own filter still applies.
     */
    public String ignoreOutgoing() {
        if (rx != null) {
            return rx.kernelIgnoresOutgoing ? null
                    : "PACKET_IGNORE_OUTGOING not available: outgoing frames are skipped by their sll_pkttype";
        }
        int rc = Libpcap.C.setsockopt(fd, Libpcap.SOL_PACKET, Libpcap.PACKET_IGNORE_OUTGOING, new int[] {1}, 4);
        return rc == 0 ? null : "PACKET_IGNORE_OUTGOING not available (errno " + Native.getLastError() + ")";
    }

    private static Pointer pcapOf(PcapHandle h) {
        try {
            Field f = PcapHandle.class.getDeclaredField("handle");
            f.setAccessible(true);
            return (Pointer) f.get(h);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("pcap4j's PcapHandle has no pcap_t field `handle' (pcap4j 1.8.2 is "
                    + "expected): " + e, e);
        }
    }

    /**
     * The length of the next captured frame, 0 when none is waiting (the handle does not block), -1 when
     * the handle failed. After a positive answer, {@link #read} copies the frame.
     */
    public int next() {
        if (rx != null) {
            return rx.next();
        }
        int rc = Libpcap.pcap_next_ex(pcap, hdrOut, dataOut);
        if (rc != 1) {
            return rc == 0 ? 0 : -1;
        }
        outs.read(0, addrs, 0, 2);
        Pointer.nativeValue(hdr, addrs[0]);
        Pointer.nativeValue(data, addrs[1]);
        return hdr.getInt(CAPLEN);
    }

    /** Copies the first {@code len} bytes of the frame {@link #next} found into {@code dst}. */
    public void read(byte[] dst, int len) {
        if (rx != null) {
            rx.read(dst, len);
            return;
        }
        data.read(0, dst, 0, len);
    }

    /** A send queue of this port for one worker: batched (sendmmsg) once the port is open. */
    public TxBatch txBatch() {
        int sendFd = tx != null ? tx.fd : pcap != null ? fd : -1;
        return sendFd >= 0 && MmsgTxBatch.supported() && !Boolean.getBoolean("pkttables.bridge.nobatch")
                ? new MmsgTxBatch(this, sendFd, maxFrame()) : new TxBatch(this);
    }

    /** Sends one frame; false on a send error (counted by the caller). */
    public boolean send(byte[] frame, int len) {
        if (tx != null) {
            return tx.send(frame, len);
        }
        return Libpcap.pcap_sendpacket(pcap, frame, len) == 0;
    }

    /**
     * Opens the send socket for TCP super-frames (PACKET_VNET_HDR, see {@link VnetSocket}); null when
     * done, else why not (then super-frames are cut into segments by the appliance, as before).
     */
    public String openGso() {
        try {
            gso = VnetSocket.open(name);
            return null;
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            return e.getMessage();
        }
    }

    /** True when {@link #sendGso} can send super-frames whole. */
    public boolean gso() {
        return gso != null;
    }

    /**
     * Sends the TCP super-frame {@code frame[off, off+len)} whole behind the virtio_net_hdr {@code vnet}
     * (see {@link org.pkttables.io.frames.VnetHeader}); false on a send error or without {@link #gso}.
     */
    public boolean sendGso(byte[] vnet, byte[] frame, int off, int len) {
        return gso != null && gso.send(vnet, frame, off, len);
    }

    /** Why {@link #next} answered -1. */
    public String readFailure() {
        return rx != null ? rx.failure() : "reading " + name + " through libpcap failed";
    }

    /**
     * Copies the kernel's counts into {@link #counters}: frames the socket received (drops included) as
     * PCAP_RECV, frames it dropped as PCAP_DROP, frames the interface dropped as PCAP_IFDROP (libpcap's
     * pcap_stats, or the same from PACKET_STATISTICS and the interface's rx_dropped since open).
     */
    public void stats() throws PcapNativeException, NotOpenException {
        if (rx != null) {
            rx.stats(kernelStats);
            counters.set(PCAP_RECV, kernelStats[0]);
            counters.set(PCAP_DROP, kernelStats[1]);
            long d = ifDrops();
            if (d >= 0 && ifDropsBase >= 0) {
                counters.set(PCAP_IFDROP, d - ifDropsBase);
            }
            return;
        }
        PcapStat s = handle.getStats();
        counters.set(PCAP_RECV, s.getNumPacketsReceived());
        counters.set(PCAP_DROP, s.getNumPacketsDropped());
        counters.set(PCAP_IFDROP, s.getNumPacketsDroppedByIf());
    }

    /** rx_dropped of the interface, -1 when it cannot be read. */
    private long ifDrops() {
        try {
            return Long.parseLong(Files.readString(Path.of("/sys/class/net", name, "statistics", "rx_dropped")).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    public void close() {
        if (rx != null) {
            rx.close();
            rx = null;
        }
        if (tx != null) {
            tx.close();
            tx = null;
        }
        if (gso != null) {
            gso.close();
            gso = null;
        }
        if (handle != null) {
            handle.close();
        }
    }
}
