package org.pkttables.api;

/**
 * One packet on its way through the hooks: the frame's bytes (never copied) and the offsets an
 * {@link L3Handler} found in them, plus the metadata matches and targets read and write (interfaces,
 * mark, reject request). One instance per worker thread, {@link #reset reset} for every packet, so
 * the hot path allocates nothing.
 *
 * <p>All offsets are absolute indexes into {@link #buffer()}; -1 means "not present". Reads past
 * the end of the frame return -1 instead of throwing: a truncated or hostile packet can never make
 * a match read outside the frame.
 */
public final class PacketContext {
    /** Upper bound for worker indexes; counters keep one slot per worker. */
    public static final int MAX_WORKERS = 64;

    /** No reject requested. */
    public static final int REJECT_NONE = 0;

    private byte[] buf;
    private int start;
    private int end;

    private Family family;
    private Hook hook;
    private int worker;

    private int l2 = -1;
    private int l3 = -1;
    private int l4 = -1;
    private int etherType = -1;
    private int l4Proto = -1;
    private int fragOffset;
    private boolean fragment;
    private boolean malformed;
    private boolean hotdrop;

    private String inIface;
    private String outIface;
    private int mark;
    private int priority;
    private int rejectWith = REJECT_NONE;
    private Object ct;
    private long traceId;
    private int fragMaxSize;

    public PacketContext() {
    }

    public PacketContext(int worker) {
        this.worker = worker;
    }

    /**
     * Points this context at a new frame and clears all per-packet state.
     *
     * @param buffer the bytes, used in place
     * @param offset index of the first byte of the frame (the L2 header, or L3 when there is none)
     * @param length number of bytes of the frame
     */
    public PacketContext reset(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("frame [" + offset + "," + (offset + length) + ") outside buffer of "
                    + buffer.length + " bytes");
        }
        this.buf = buffer;
        this.start = offset;
        this.end = offset + length;
        l2 = l3 = l4 = etherType = l4Proto = -1;
        fragOffset = 0;
        fragment = false;
        malformed = false;
        hotdrop = false;
        inIface = outIface = null;
        mark = 0;
        priority = 0;
        rejectWith = REJECT_NONE;
        hook = null;
        family = null;
        ct = null;
        traceId = 0;
        fragMaxSize = 0;
        return this;
    }

    /**
     * Points this context at another buffer holding the same packet, keeping every per-packet field
     * (family, hook, interfaces, mark, offsets): for defragmentation, which hands the hooks after it
     * the reassembled datagram in a buffer of its own. The caller sets the offsets anew when they moved.
     *
     * @since 1.5.0
     */
    public void moveFrame(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IllegalArgumentException("frame [" + offset + "," + (offset + length) + ") outside buffer of "
                    + buffer.length + " bytes");
        }
        this.buf = buffer;
        this.start = offset;
        this.end = offset + length;
    }

    /**
     * The largest fragment (IP header included) the datagram was reassembled from, 0 when it was not
     * (the kernel's {@code IPCB(skb)->frag_max_size}): the output fragments it again to at most this size.
     *
     * @since 1.5.0
     */
    public int fragMaxSize() {
        return fragMaxSize;
    }

    /** @since 1.5.0 */
    public void setFragMaxSize(int size) {
        this.fragMaxSize = size;
    }

    // ---- frame bytes (bounded) ----

    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    /** Length of the whole frame in bytes (byte counters count from {@link #l3Offset()} on, as the kernel does). */
    public int length() {
        return end - start;
    }

    /** Unsigned byte at absolute index {@code i}, or -1 when outside the frame. */
    public int u8(int i) {
        return i >= start && i < end ? buf[i] & 0xff : -1;
    }

    /** Unsigned big-endian 16-bit value at {@code i}, or -1 when it does not fit in the frame. */
    public int u16(int i) {
        return i >= start && i + 2 <= end ? ((buf[i] & 0xff) << 8) | (buf[i + 1] & 0xff) : -1;
    }

    /** Unsigned big-endian 32-bit value at {@code i}, or -1 when it does not fit in the frame. */
    public long u32(int i) {
        return i >= start && i + 4 <= end
                ? ((long) (buf[i] & 0xff) << 24) | ((buf[i + 1] & 0xff) << 16) | ((buf[i + 2] & 0xff) << 8)
                        | (buf[i + 3] & 0xff)
                : -1L;
    }

    /** Big-endian 48-bit value (a MAC address) at {@code i}, or -1 when it does not fit. */
    public long u48(int i) {
        if (i < start || i + 6 > end) {
            return -1L;
        }
        long v = 0;
        for (int k = 0; k < 6; k++) {
            v = (v << 8) | (buf[i + k] & 0xff);
        }
        return v;
    }

    /** Whether {@code n} bytes starting at {@code i} lie inside the frame. */
    public boolean has(int i, int n) {
        return i >= start && n >= 0 && i + n <= end;
    }

    /** Writes one byte inside the frame (mangle targets); ignored outside it. */
    public void put8(int i, int v) {
        if (i >= start && i < end) {
            buf[i] = (byte) v;
        }
    }

    public void put16(int i, int v) {
        if (i >= start && i + 2 <= end) {
            buf[i] = (byte) (v >>> 8);
            buf[i + 1] = (byte) v;
        }
    }

    // ---- offsets set by the L3 handler ----

    public int l2Offset() {
        return l2;
    }

    public int l3Offset() {
        return l3;
    }

    public int l4Offset() {
        return l4;
    }

    /** Ethertype of the L3 payload (0x0800, 0x86dd, 0x0806), -1 when unknown. */
    public int etherType() {
        return etherType;
    }

    /** L4 protocol number (for IPv6 after the extension-header walk), -1 when none. */
    public int l4Proto() {
        return l4Proto;
    }

    /** Fragment offset in bytes; non-zero for every fragment but the first. */
    public int fragOffset() {
        return fragOffset;
    }

    /** True when the packet is a fragment (first or later). */
    public boolean isFragment() {
        return fragment;
    }

    /** True when the L3 handler found the headers inconsistent or truncated. */
    public boolean isMalformed() {
        return malformed;
    }

    /**
     * Cuts the frame at {@code newEnd} (never lengthens it): the L3 handler bounds the frame by the
     * datagram's own length, as the kernel trims the skb to the IP length before netfilter sees it, so
     * link-layer padding is neither read by matches nor counted.
     *
     * @since 1.3.0
     */
    public void trimEnd(int newEnd) {
        if (newEnd >= start && newEnd < end) {
            end = newEnd;
        }
    }

    /**
     * Moves the frame's end to {@code newEnd}, shorter or longer, within the buffer: for a helper that
     * rewrites a payload into a text of another length (the kernel's nf_nat_mangle_tcp_packet, which
     * enlarges the skb). The bytes between the old and the new end are whatever the buffer holds; the
     * caller writes them and fixes the IP length. False, and nothing changed, when the buffer has no room or
     * {@code newEnd} lies before the frame's start.
     *
     * @since 1.4.0
     */
    public boolean resizeEnd(int newEnd) {
        if (newEnd < start || newEnd > buf.length) {
            return false;
        }
        end = newEnd;
        return true;
    }

    /**
     * Drops the packet at once, whatever the rules after this one or the policy say: what a kernel match
     * does with {@code par->hotdrop = true} when it must examine a header that is not there (a TCP header
     * cut short, an "evil" TCP fragment at offset 8). The match calls this and returns false; the table
     * then stops with DROP without counting the rule.
     *
     * @since 1.3.0
     */
    public void hotdrop() {
        hotdrop = true;
    }

    /**
     * True once a match asked for {@link #hotdrop}.
     *
     * @since 1.3.0
     */
    public boolean hotdropped() {
        return hotdrop;
    }

    public boolean hasL2() {
        return l2 >= 0;
    }

    public void setL2(int offset) {
        this.l2 = offset;
    }

    public void setL3(int offset, int etherType) {
        this.l3 = offset;
        this.etherType = etherType;
    }

    public void setL4(int offset, int proto) {
        this.l4 = offset;
        this.l4Proto = proto;
    }

    public void setFragment(boolean fragment, int fragOffset) {
        this.fragment = fragment;
        this.fragOffset = fragOffset;
    }

    public void setMalformed(boolean malformed) {
        this.malformed = malformed;
    }

    // ---- metadata ----

    public Family family() {
        return family;
    }

    public void setFamily(Family family) {
        this.family = family;
    }

    public Hook hook() {
        return hook;
    }

    public void setHook(Hook hook) {
        this.hook = hook;
    }

    /** Index of the worker that owns this context, 0 ≤ worker &lt; {@link #MAX_WORKERS}. */
    public int worker() {
        return worker;
    }

    public void setWorker(int worker) {
        if (worker < 0 || worker >= MAX_WORKERS) {
            throw new IllegalArgumentException("worker index " + worker + " outside 0.." + (MAX_WORKERS - 1));
        }
        this.worker = worker;
    }

    public String inIface() {
        return inIface;
    }

    public String outIface() {
        return outIface;
    }

    public void setInIface(String name) {
        this.inIface = name;
    }

    public void setOutIface(String name) {
        this.outIface = name;
    }

    public int mark() {
        return mark;
    }

    public void setMark(int mark) {
        this.mark = mark;
    }

    /**
     * The packet's priority ({@code skb->priority}): the traffic-control class {@code major << 16 | minor}
     * set by CLASSIFY, for the io layer's queueing. 0 when not set.
     */
    public int priority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    /** The reject a REJECT target asked for (family specific code), {@link #REJECT_NONE} if none. */
    public int rejectWith() {
        return rejectWith;
    }

    public void setRejectWith(int code) {
        this.rejectWith = code;
    }

    /** True once a TRACE target selected this packet: every rule it then meets is reported. */
    public boolean traced() {
        return traceId != 0;
    }

    /** The id trace events of this packet carry, 0 when it is not traced. */
    public long traceId() {
        return traceId;
    }

    public void setTraceId(long id) {
        this.traceId = id;
    }

    /** Slot for the connection tracking entry of this packet (set by core.conntrack). */
    public Object conntrack() {
        return ct;
    }

    public void setConntrack(Object ct) {
        this.ct = ct;
    }
}
