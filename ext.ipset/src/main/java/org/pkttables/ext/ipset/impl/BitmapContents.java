package org.pkttables.ext.ipset.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.function.LongSupplier;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.InetText;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetException;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * {@code bitmap:ip} and {@code bitmap:port}: one bit per possible element of a range of at most 65536,
 * plus the entry extensions in arrays indexed the same way. Readers test a bit with an acquire load;
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
    private final Dim dim;
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
        return 1;
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
        return e != 0 && now >= e;
    }

    private void setBit(int i, boolean on) {
        long w = bits[i >>> 6];
        LONGS.setRelease(bits, i >>> 6, on ? w | (1L << (i & 63)) : w & ~(1L << (i & 63)));
        live += on ? 1 : -1;
    }

    /** The element indexes an argument stands for, as [from, to]; out of range is an error. */
    private int[] indexes(String element) {
        long lo;
        long hi;
        if (type.isPort()) {
            String s = element;
            int colon = s.indexOf(':');
            if (colon >= 0) {
                s = s.substring(colon + 1); // bitmap:port ignores the protocol, as ipset does
            }
            int dash = s.indexOf('-');
            lo = PortDim.portNumber(dash < 0 ? s : s.substring(0, dash));
            hi = dash < 0 ? lo : PortDim.portNumber(s.substring(dash + 1));
        } else {
            int dash = element.indexOf('-');
            int slash = element.indexOf('/');
            if (dash >= 0) {
                lo = Inet.parse4(element.substring(0, dash));
                hi = Inet.parse4(element.substring(dash + 1));
            } else if (slash >= 0) {
                int cidr = (int) Numbers.parse(element.substring(slash + 1), 1, 32);
                lo = Inet.parse4(element.substring(0, slash)) & InetText.ipv4Mask(cidr);
                hi = lo | (~InetText.ipv4Mask(cidr) & 0xffffffffL);
            } else {
                lo = hi = Inet.parse4(element);
            }
        }
        if (lo > hi) {
            long t = lo;
            lo = hi;
            hi = t;
        }
        if (lo < first || hi > last) {
            throw new SetException("Element is out of the range of the set");
        }
        return new int[] {(int) ((lo - first) >>> shift), (int) ((hi - first) >>> shift)};
    }

    @Override
    public synchronized void add(List<String> entry, boolean exist) {
        EntryOptions o = EntryOptions.parse(entry.subList(1, entry.size()), opts, false, false);
        int[] r = indexes(entry.get(0));
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
        int[] r = indexes(element);
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

    @Override
    public boolean test(String element) {
        int[] r = indexes(element);
        long now = clock.getAsLong();
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
            if (expires != null) {
                long e = expires[i];
                out.append(" timeout ").append(e == 0 ? 0 : (e - now) / 1000);
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
        int i = index(p, spec, scratch[p.worker()]);
        if (i < 0 || !has(i) || expired(i, expires != null ? clock.getAsLong() : 0)) {
            return MISS;
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
