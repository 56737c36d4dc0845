package org.pkttables.ext.ipset.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.LongSupplier;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetException;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * {@code bitmap:ip}, {@code bitmap:ip,mac} and {@code bitmap:port}: one bit per possible element of a
 * range of at most 65536, plus the entry extensions in arrays indexed the same way. A bitmap:ip,mac
 * element added without a MAC waits for its first packet to fill it in (the kernel's -EAGAIN path), and
 * its timeout only starts then. Readers test a bit with an acquire load;
 * the writer (holding this object's lock) writes an entry's extensions before setting its bit with a
 * release store, so a reader that sees the bit sees the entry complete.
 */
final class BitmapContents implements SetContents {
    static final int MAX_ELEMENTS = 65536;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final BitmapSetType type;
    private final CreateOptions opts;
    private final LongSupplier clock;
    /** First value (address or port), last value, and how many values one element covers (netmask). */
    private final long first;
    private final long last;
    private final int shift;
    private final int elements;
    private final long[] bits;
    private final long[] expires;
    private final long[] counters;
    private final String[] comments;
    private final long[] skb;
    /** bitmap:ip,mac: the element's MAC with {@link #FILLED}, 0 until it is known; null for the others. */
    private final long[] macs;
    static final long FILLED = 1L << 48;
    private final Dim dim;
    /** Element text to element indexes. */
    private final BitmapRange range;
    private final long[][] scratch = new long[PacketContext.MAX_WORKERS][];
    private final long[] writerFields = new long[8];
    private int live;

    BitmapContents(BitmapSetType type, CreateOptions opts, LongSupplier clock, long first, long last, int shift) {
        this.type = type;
        this.opts = opts;
        this.clock = clock;
        this.first = first;
        this.last = last;
        this.shift = shift;
        long n = ((last - first) >>> shift) + 1;
        if (n > MAX_ELEMENTS) {
            throw new SetException("The range you specified exceeds the size limit of the set type");
        }
        this.elements = (int) n;
        this.bits = new long[(elements + 63) >>> 6];
        this.expires = opts.timeout >= 0 ? new long[elements] : null;
        this.counters = opts.counters ? new long[elements * 2] : null;
        this.comments = opts.comment ? new String[elements] : null;
        this.skb = opts.skbinfo ? new long[elements * 4] : null;
        this.macs = type.isIpMac() ? new long[elements] : null;
        this.range = new BitmapRange(type, first, last, shift);
        this.dim = type.isPort() ? new PortDim(Family.IPV4) : new IpDim(Family.IPV4, -1);
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new long[8];
        }
    }

    @Override
    public String type() {
        return type.name();
    }

    @Override
    public int revision() {
        return type.revision();
    }

    @Override
    public Family family() {
        return type.isPort() ? null : Family.IPV4;
    }

    @Override
    public int dimension() {
        return macs != null ? 2 : 1;
    }

    @Override
    public boolean supportsNomatch() {
        return false;
    }

    @Override
    public String header() {
        StringBuilder sb = new StringBuilder("range ");
        if (type.isPort()) {
            sb.append(first).append('-').append(last);
        } else {
            sb.append(InetText.formatIpv4(first)).append('-').append(InetText.formatIpv4(last));
            if (opts.netmask >= 0) {
                sb.append(" netmask ").append(opts.netmask);
            }
        }
        opts.appendExtensions(sb);
        return sb.toString();
    }

    @Override
    public long memorySize() {
        long m = 128 + bits.length * 8L;
        m += expires != null ? expires.length * 8L : 0;
        m += counters != null ? counters.length * 8L : 0;
        m += comments != null ? comments.length * 4L : 0;
        m += skb != null ? skb.length * 8L : 0;
        m += macs != null ? macs.length * 8L : 0;
        return m;
    }

    @Override
    public synchronized int size() {
        expireLocked(clock.getAsLong());
        return live;
    }

    @Override
    public SetContents emptyCopy() {
        return new BitmapContents(type, opts, clock, first, last, shift);
    }

    private boolean has(int i) {
        return ((long) LONGS.getAcquire(bits, i >>> 6) & (1L << (i & 63))) != 0;
    }

    private boolean expired(int i, long now) {
        if (expires == null) {
            return false;
        }
        long e = (long) LONGS.getOpaque(expires, i);
        return e > 0 && now >= e; // negative: a bitmap:ip,mac timeout that has not started yet
    }

    private void setBit(int i, boolean on) {
        long w = bits[i >>> 6];
        LONGS.setRelease(bits, i >>> 6, on ? w | (1L << (i & 63)) : w & ~(1L << (i & 63)));
        live += on ? 1 : -1;
    }

    /**
     * Stores a bitmap:ip,mac element as the kernel's bitmap_ipmac_do_add: an element already there is
     * an error unless it waits for its MAC and one is given (then it is filled in and its timeout
     * starts), or with {@code exist} (re-added: a new MAC replaces the old). Caller holds the lock.
     *
     * @param mac     the MAC, or -1 for none
     * @param timeout seconds, or -1 for the set's default
     */
    private void storeIpMac(int i, long mac, long timeout, boolean exist, EntryOptions o, long now) {
        boolean there = has(i) && !expired(i, now);
        long cur = macs[i];
        boolean fill = there && (cur & FILLED) == 0 && mac >= 0;
        if (there && !fill && !exist) {
            throw new SetException("Element cannot be added to the set: it's already added");
        }
        long t = timeout >= 0 ? timeout : opts.timeout;
        if (fill && timeout < 0 && expires != null && expires[i] < 0) {
            t = -expires[i] - 1; // the timeout stored with the element when it was added without MAC
        }
        long newMac = mac >= 0 ? mac | FILLED : there ? cur : 0;
        LONGS.setOpaque(macs, i, newMac);
        if (expires != null) {
            long e = (newMac & FILLED) == 0 ? -t - 1 : t <= 0 ? 0 : now + t * 1000;
            LONGS.setOpaque(expires, i, e);
        }
        if (counters != null && (o == null || o.setCounters || !there || fill)) {
            LONGS.setOpaque(counters, i * 2, o == null ? 0L : o.packets);
            LONGS.setOpaque(counters, i * 2 + 1, o == null ? 0L : o.bytes);
        }
        if (comments != null && o != null) {
            comments[i] = o.comment;
        }
        if (skb != null && o != null) {
            System.arraycopy(o.skb != null ? o.skb : new long[4], 0, skb, i * 4, 4);
        }
        if (!has(i)) {
            setBit(i, true);
        }
    }

    @Override
    public synchronized void add(List<String> entry, boolean exist) {
        EntryOptions o = EntryOptions.parse(entry.subList(1, entry.size()), opts, false, false);
        if (macs != null) {
            int i = range.indexes(entry.get(0))[0];
            storeIpMac(i, BitmapRange.macOf(entry.get(0)), o.timeout, exist, o, clock.getAsLong());
            return;
        }
        int[] r = range.indexes(entry.get(0));
        long now = clock.getAsLong();
        long t = o.timeout >= 0 ? o.timeout : opts.timeout;
        long expiry = t <= 0 ? 0 : now + t * 1000;
        for (int i = r[0]; i <= r[1]; i++) {
            boolean there = has(i) && !expired(i, now);
            if (there && !exist) {
                throw new SetException("Element cannot be added to the set: it's already added");
            }
            if (expires != null) {
                LONGS.setOpaque(expires, i, expiry);
            }
            if (counters != null && (o.setCounters || !there)) {
                LONGS.setOpaque(counters, i * 2, o.packets);
                LONGS.setOpaque(counters, i * 2 + 1, o.bytes);
            }
            if (comments != null) {
                comments[i] = o.comment;
            }
            if (skb != null) {
                long[] v = o.skb != null ? o.skb : new long[4];
                System.arraycopy(v, 0, skb, i * 4, 4);
            }
            if (!has(i)) {
                setBit(i, true);
            }
        }
    }

    @Override
    public synchronized void del(String element, boolean exist) {
        int[] r = range.indexes(element);
        long now = clock.getAsLong();
        for (int i = r[0]; i <= r[1]; i++) {
            if (!has(i) || expired(i, now)) {
                if (!exist) {
                    throw new SetException("Element cannot be deleted from the set: it's not added");
                }
                continue;
            }
            setBit(i, false);
        }
    }

    /** bitmap:ip,mac elements are printed back with the MAC upper-case, as ipset does. */
    @Override
    public String canonical(String element) {
        if (macs == null) {
            return element;
        }
        int comma = element.indexOf(',');
        String ip = InetText.formatIpv4(Inet.parse4(comma < 0 ? element : element.substring(0, comma)));
        long mac = BitmapRange.macOf(element);
        return mac < 0 ? ip : ip + "," + ParamTypes.formatMac(mac).toUpperCase(java.util.Locale.ROOT);
    }

    @Override
    public boolean test(String element) {
        int[] r = range.indexes(element);
        long now = clock.getAsLong();
        if (macs != null) {
            int i = r[0];
            long mac = BitmapRange.macOf(element);
            long cur = macs[i];
            // an element still waiting for its MAC is "in the set" for any MAC, as ipset says
            return has(i) && !expired(i, now) && (mac < 0 || (cur & FILLED) == 0 || (cur & ~FILLED) == mac);
        }
        for (int i = r[0]; i <= r[1]; i++) {
            if (!has(i) || expired(i, now)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void appendMembers(StringBuilder out, String linePrefix) {
        long now = clock.getAsLong();
        for (int i = 0; i < elements; i++) {
            if (!has(i) || expired(i, now)) {
                continue;
            }
            long v = first + ((long) i << shift);
            out.append(linePrefix).append(type.isPort() ? Long.toString(v) : InetText.formatIpv4(v));
            if (macs != null && (macs[i] & FILLED) != 0) {
                out.append(',').append(ParamTypes.formatMac(macs[i] & ~FILLED).toUpperCase(java.util.Locale.ROOT));
            }
            if (expires != null) {
                long e = expires[i];
                out.append(" timeout ").append(e == 0 ? 0 : e < 0 ? -e - 1 : (e - now) / 1000);
            }
            if (counters != null) {
                out.append(" packets ").append(counters[i * 2]).append(" bytes ").append(counters[i * 2 + 1]);
            }
            if (comments != null && comments[i] != null) {
                out.append(" comment \"").append(comments[i]).append('"');
            }
            if (skb != null) {
                EntryOptions.appendSkb(out, skb[i * 4], skb[i * 4 + 1], skb[i * 4 + 2], skb[i * 4 + 3]);
            }
            out.append('\n');
        }
    }

    @Override
    public synchronized void expire() {
        expireLocked(clock.getAsLong());
    }

    private void expireLocked(long now) {
        if (expires == null) {
            return;
        }
        for (int i = 0; i < elements; i++) {
            if (has(i) && expired(i, now)) {
                setBit(i, false);
            }
        }
    }

    /** The element index of the packet's address or port, -1 when it has none or it is out of range. */
    private int index(PacketContext p, SetLookup spec, long[] f) {
        if (!dim.extract(p, spec.src(0), f, 0)) {
            return -1;
        }
        long v = f[0];
        if (type.isPort()) {
            if (!PortDim.hasPorts((int) (v >>> 16))) {
                return -1;
            }
            v &= 0xffff;
        }
        if (v < first || v > last) {
            return -1;
        }
        return (int) ((v - first) >>> shift);
    }

    @Override
    public int lookup(PacketContext p, SetLookup spec) {
        if (!type.isPort() && p.family() != Family.IPV4) {
            return MISS;
        }
        if (macs != null && spec.dims() < 2) {
            return MISS; // the kernel asks a two-dimensional set only with two directions
        }
        int i = index(p, spec, scratch[p.worker()]);
        if (i < 0 || !has(i) || expired(i, expires != null ? clock.getAsLong() : 0)) {
            return MISS;
        }
        if (macs != null) {
            long mac = packetMac(p, spec.src(1));
            if (mac <= 0) {
                return MISS;
            }
            long cur = (long) LONGS.getOpaque(macs, i);
            if ((cur & FILLED) == 0) {
                fillFromPacket(i, mac);
                return MATCH; // the kernel adds the MAC and answers "in the set" without counting
            }
            if ((cur & ~FILLED) != mac) {
                return MISS;
            }
        }
        if (counters != null) {
            long packets = (long) LONGS.getOpaque(counters, i * 2);
            long bytes = (long) LONGS.getOpaque(counters, i * 2 + 1);
            if (spec.hasCounterConditions() && !spec.countersPass(packets, bytes)) {
                return MISS;
            }
            if (spec.updateCounters()) {
                LONGS.getAndAdd(counters, i * 2, 1L);
                LONGS.getAndAdd(counters, i * 2 + 1, (long) Packets.length(p));
            }
        }
        return MATCH;
    }

    /** The source or destination MAC of the frame, -1 without an Ethernet header. */
    private static long packetMac(PacketContext p, boolean src) {
        int l2 = p.l2Offset();
        if (l2 < 0 || !p.has(l2, 14)) {
            return -1;
        }
        return p.u48(l2 + (src ? 6 : 0));
    }

    /** The first packet of an element added without MAC: it gives the MAC, and the timeout starts. */
    private synchronized void fillFromPacket(int i, long mac) {
        long now = clock.getAsLong();
        if (has(i) && !expired(i, now) && (macs[i] & FILLED) == 0) {
            storeIpMac(i, mac, -1, false, null, now);
        }
    }

    @Override
    public boolean lookupSkbinfo(PacketContext p, SetLookup spec, long[] out, int at) {
        if (lookup(p, spec) != MATCH) {
            return false;
        }
        // the same element again (lookup succeeded, so it is there); counters were counted once
        int i = index(p, spec, scratch[p.worker()]);
        long[] v = skb;
        out[at] = v == null ? 0 : v[i * 4];
        out[at + 1] = v == null ? 0 : v[i * 4 + 1];
        out[at + 2] = v == null ? 0 : v[i * 4 + 2];
        out[at + 3] = v == null ? 0 : v[i * 4 + 3];
        return true;
    }

    @Override
    public boolean addFrom(PacketContext p, SetLookup spec, long timeout, boolean exist) {
        if (!type.isPort() && p.family() != Family.IPV4) {
            return false;
        }
        synchronized (this) {
            int i = index(p, spec, writerFields);
            if (i < 0) {
                return false;
            }
            long now = clock.getAsLong();
            if (macs != null) {
                long mac = spec.dims() < 2 ? -1 : packetMac(p, spec.src(1));
                if (mac <= 0) {
                    return false;
                }
                try {
                    storeIpMac(i, mac, timeout, exist, null, now);
                } catch (SetException already) {
                    // the SET target reports nothing: an element already there stays as it is
                }
                return true;
            }
            boolean there = has(i) && !expired(i, now);
            if (there && !exist) {
                return true;
            }
            long t = timeout >= 0 ? timeout : opts.timeout;
            if (expires != null) {
                LONGS.setOpaque(expires, i, t <= 0 ? 0 : now + t * 1000);
            }
            if (!there && counters != null) {
                LONGS.setOpaque(counters, i * 2, 0L);
                LONGS.setOpaque(counters, i * 2 + 1, 0L);
            }
            if (!has(i)) {
                setBit(i, true);
            }
            return true;
        }
    }

    @Override
    public boolean delFrom(PacketContext p, SetLookup spec) {
        if (!type.isPort() && p.family() != Family.IPV4) {
            return false;
        }
        synchronized (this) {
            int i = index(p, spec, writerFields);
            if (i < 0 || !has(i) || expired(i, clock.getAsLong())) {
                return false;
            }
            setBit(i, false);
            return true;
        }
    }
}
