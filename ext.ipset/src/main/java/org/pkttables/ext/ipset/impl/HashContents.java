package org.pkttables.ext.ipset.impl;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.InetText;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetException;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * Every {@code hash:*} type: elements of a few dimensions ({@link Dim}) packed into keys of a lock-free
 * {@link HashTable}. Nets are found longest prefix first: the set keeps the prefix lengths (pairs of
 * lengths for two nets) it holds, and a lookup tries each, most specific first, as the kernel does; the
 * first entry found decides, so a {@code nomatch} entry inside a larger net excludes its addresses.
 *
 * <p>Writers take this object's lock; the packet path reads the volatile table and prefix lists only.
 *
 * <p>The element's shape and text are {@link HashElements}', the prefix lengths held {@link HashPrefixes}';
 * this class holds the table, the writers and the packet path.
 */
final class HashContents extends HashPrefixes {
    /** The options of an entry the SET target adds: none (the set's defaults). */
    private static final EntryOptions NO_OPTIONS = new EntryOptions();

    private volatile HashTable table;
    /** The packet path special-cased: 1 = hash:ip over IPv4, 2 = hash:net over IPv4, 0 = generic. */
    private final int fast;
    private final long ipMask;

    private final Scratch[] scratch = new Scratch[PacketContext.MAX_WORKERS];
    private final Scratch writer;
    private final long[] removeKey;
    private final long[] removeFields;

    HashContents(HashSetType type, CreateOptions opts, LongSupplier clock) {
        super(type, opts, clock);
        boolean compact = layout.words() == 1 && layout.lastWordBits() <= HashTable.COMPACT_KEY_BITS;
        this.table = new HashTable(layout.words(), compact, 64, opts.initval, opts.timeout >= 0, opts.counters,
                opts.comment, opts.skbinfo);
        boolean v4 = type.familyless() || opts.family != Family.IPV6;
        this.fast = dims.length != 1 || !v4 || type.familyless() ? 0 : dims[0] instanceof IpDim ? 1 : 2;
        this.ipMask = InetText.ipv4Mask(opts.netmask < 0 ? 32 : opts.netmask);
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = new Scratch(fields, layout.words());
        }
        this.writer = new Scratch(fields, layout.words());
        this.removeKey = new long[layout.words()];
        this.removeFields = new long[fields];
    }

    @Override
    public long memorySize() {
        long[] bm = blockMasks;
        return table.memory() + comboCount.length * 4L + (bm != null ? bm.length * 8L : 0);
    }

    @Override
    public int size() {
        synchronized (this) {
            expireLocked(clock.getAsLong());
            return table.live;
        }
    }

    @Override
    public SetContents emptyCopy() {
        return new HashContents(type, opts, clock);
    }

    // ---- writers ----

    @Override
    public synchronized void add(List<String> entry, boolean exist) {
        EntryOptions o = EntryOptions.parse(entry.subList(1, entry.size()), opts, nomatchType, false, iface >= 0);
        Values[] vs = parse(entry.get(0));
        long now = clock.getAsLong();
        long expiry = expiry(o.timeout, now);
        forEach(vs, writer.raw, () -> insert(writer.raw, o, expiry, now, exist));
    }

    private long expiry(long timeout, long now) {
        long t = timeout >= 0 ? timeout : opts.timeout;
        return t <= 0 ? 0 : now + t * 1000;
    }

    /** Inserts the element in {@code f}; the caller holds the lock. */
    private void insert(long[] f, EntryOptions o, long expiry, long now, boolean exist) {
        if (o.wildcard) {
            f[offsets[iface] + 2] |= IfaceDim.WILDCARD;
        }
        HashTable t = table;
        layout.pack(f, writer.key);
        int slot = t.find(writer.key);
        long flags = o.nomatch ? HashTable.NOMATCH : 0;
        if (slot >= 0 && !t.expired(slot, now)) {
            if (!exist) {
                throw new SetException("Element cannot be added to the set: it's already added");
            }
            t.update(slot, flags, expiry, o.packets, o.bytes, o.setCounters, o.comment, o.skb);
            return;
        }
        if (slot >= 0) {
            remove(t, slot);
        }
        if (t.live >= opts.maxelem) {
            expireLocked(now);
            t = table;
            if (t.live >= opts.maxelem) {
                if (!opts.forceadd || t.live == 0) {
                    throw new SetException("Hash is full, cannot add more elements");
                }
                evictOne(t);
            }
        }
        if (t.needsRebuild()) {
            expireLocked(now);
            t = table.rebuilt(table.live + 1, now);
            if (blockMasks != null) {
                blockMasks = buildBlockMasks(t, null); // drops the bits of deleted entries
            }
            table = t;
        }
        count(t, f, +1);
        t.insert(writer.key, flags, expiry, o.packets, o.bytes, o.comment, o.skb);
    }

    /** forceadd: a full set makes room by dropping some entry, as the kernel does. */
    private void evictOne(HashTable t) {
        int start = (int) (System.nanoTime() & (t.capacity - 1));
        for (int k = 0; k < t.capacity; k++) {
            int i = (start + k) & (t.capacity - 1);
            if (t.isLive(i)) {
                remove(t, i);
                return;
            }
        }
    }

    private void remove(HashTable t, int slot) {
        for (int k = 0; k < t.w; k++) {
            removeKey[k] = t.keyWord(slot, k);
        }
        layout.unpack(removeKey, removeFields);
        t.delete(slot);
        count(t, removeFields, -1);
    }

    @Override
    public synchronized void del(String element, boolean exist) {
        Values[] vs = parse(element);
        long now = clock.getAsLong();
        forEach(vs, writer.raw, () -> {
            HashTable t = table;
            layout.pack(writer.raw, writer.key);
            int slot = t.find(writer.key);
            if (slot < 0 || t.expired(slot, now)) {
                if (!exist) {
                    throw new SetException("Element cannot be deleted from the set: it's not added");
                }
                return;
            }
            remove(t, slot);
        });
    }

    @Override
    public boolean test(String element) {
        Values[] vs = parse(element);
        Scratch s = new Scratch(fields, layout.words());
        boolean[] all = {true};
        // A net given without a prefix length is looked up like a packet's address (longest prefix);
        // with one, exactly that entry is tested, as ipset does.
        boolean exact = hasExplicitPrefix(element);
        forEach(vs, s.raw, () -> {
            int r = exact ? exact(s) : probe(s, table, clock.getAsLong(), null, 0);
            all[0] &= r == MATCH;
        });
        return all[0];
    }

    private int exact(Scratch s) {
        HashTable t = table;
        layout.pack(s.raw, s.key);
        int slot = t.find(s.key);
        if (slot < 0 || t.expired(slot, clock.getAsLong())) {
            return MISS;
        }
        return t.nomatch(slot) ? NOMATCH : MATCH;
    }

    @Override
    public synchronized void expire() {
        expireLocked(clock.getAsLong());
    }

    private void expireLocked(long now) {
        HashTable t = table;
        if (t.expires == null) {
            return;
        }
        for (int i = 0; i < t.capacity; i++) {
            if (t.isLive(i) && t.expired(i, now)) {
                remove(t, i);
            }
        }
    }

    // ---- reading ----

    @Override
    public void appendMembers(StringBuilder out, String linePrefix) {
        HashTable t = table;
        long now = clock.getAsLong();
        long[] key = new long[t.w];
        long[] f = new long[fields];
        for (int i = 0; i < t.capacity; i++) {
            long meta = t.meta(i);
            if ((meta & HashTable.STATE) != HashTable.LIVE || t.expired(i, now)) {
                continue;
            }
            for (int k = 0; k < t.w; k++) {
                key[k] = t.keyWord(i, k);
            }
            layout.unpack(key, f);
            out.append(linePrefix);
            for (int d = 0; d < dims.length; d++) {
                if (d > 0) {
                    out.append(',');
                }
                dims[d].format(f, offsets[d], out);
            }
            if (t.expires != null) {
                long e = t.expiry(i);
                out.append(" timeout ").append(e == 0 ? 0 : (e - now) / 1000);
            }
            if ((meta & HashTable.NOMATCH) != 0) {
                out.append(" nomatch");
            }
            if (iface >= 0 && (f[offsets[iface] + 2] & IfaceDim.WILDCARD) != 0) {
                out.append(" wildcard");
            }
            if (t.counters != null) {
                out.append(" packets ").append(t.packets(i)).append(" bytes ").append(t.bytes(i));
            }
            if (t.comments != null && t.comments[i] != null) {
                out.append(" comment \"").append(t.comments[i]).append('"');
            }
            if (t.skb != null) {
                EntryOptions.appendSkb(out, t.skb[i * 4], t.skb[i * 4 + 1], t.skb[i * 4 + 2], t.skb[i * 4 + 3]);
            }
            out.append('\n');
        }
    }

    @Override
    public int lookup(PacketContext p, SetLookup spec) {
        if (spec.dims() < dims.length || family() != null && p.family() != family()) {
            return MISS;
        }
        if (fast != 0) {
            return lookupFast(p, spec);
        }
        Scratch s = scratch[p.worker()];
        for (int i = 0; i < dims.length; i++) {
            if (!dims[i].extract(p, spec.src(i), s.raw, offsets[i])) {
                return MISS;
            }
        }
        HashTable t = table;
        return probe(s, t, t.expires != null ? clock.getAsLong() : 0, spec, Packets.length(p));
    }

    /** hash:ip and hash:net over IPv4: the key is computed in a register, no scratch, no layout. */
    private int lookupFast(PacketContext p, SetLookup spec) {
        int l3 = p.l3Offset();
        long a = l3 < 0 ? -1 : p.u32(l3 + (spec.src(0) ? 12 : 16));
        if (a < 0) {
            return MISS;
        }
        HashTable t = table;
        long now = t.expires != null ? clock.getAsLong() : 0;
        int len = Packets.length(p);
        if (fast == 1) {
            return hit(t, t.find1(a & ipMask), now, spec, len);
        }
        long[] bm = blockMasks;
        if (bm != null) {
            long lens = bm[(int) (a >>> 16)];
            while (lens != 0) {
                int c = 63 - Long.numberOfLeadingZeros(lens);
                lens &= ~(1L << c);
                int r = hit(t, t.find1((a & InetText.ipv4Mask(c)) | ((long) c << 32)), now, spec, len);
                if (r != MISS) {
                    return r;
                }
            }
            return MISS;
        }
        int[] cs = combos;
        for (int k = 0; k < cs.length; k++) {
            int c = cs[k] & 0xff;
            int r = hit(t, t.find1((a & InetText.ipv4Mask(c)) | ((long) c << 32)), now, spec, len);
            if (r != MISS) {
                return r;
            }
        }
        return MISS;
    }

    /** The answer for a probe that found {@code slot} (or -1): timeouts, counter conditions and updates. */
    private static int hit(HashTable t, int slot, long now, SetLookup spec, int len) {
        if (slot < 0 || t.expired(slot, now)) {
            return MISS;
        }
        if (t.counters != null && spec != null) {
            if (spec.hasCounterConditions() && !spec.countersPass(t.packets(slot), t.bytes(slot))) {
                return MISS;
            }
            if (spec.updateCounters()) {
                t.count(slot, len);
            }
        }
        return t.nomatch(slot) ? NOMATCH : MATCH;
    }

    /**
     * Looks the fields in {@code s.raw} up with every prefix-length combination (and wildcard length)
     * present, most specific first. {@code spec} null: a test from the command line (no counters).
     */
    private int probe(Scratch s, HashTable t, long now, SetLookup spec, int len) {
        int[] cs = combos;
        int[] wl = iface >= 0 ? wildLens : null;
        long[] bm = blockMasks;
        long lens = bm == null ? -1L : bm[(int) (s.raw[offsets[net0]] >>> 16)];
        for (int c = 0; c < cs.length; c++) {
            int combo = cs[c];
            if ((lens & (1L << (combo & 0xff))) == 0) {
                continue;
            }
            System.arraycopy(s.raw, 0, s.work, 0, fields);
            if (net0 >= 0) {
                dims[net0].applyCidr(s.work, offsets[net0], combo & 0xff);
                if (net1 >= 0) {
                    dims[net1].applyCidr(s.work, offsets[net1], combo >>> 8);
                }
            }
            int r = probeOne(s, t, now, spec, len);
            if (r != MISS) {
                return r;
            }
            if (wl != null) {
                int ifOff = offsets[iface];
                int nameLen = IfaceDim.length(s.raw, ifOff);
                for (int k = 0; k < wl.length; k++) {
                    if (wl[k] > nameLen) {
                        continue;
                    }
                    s.work[ifOff] = s.raw[ifOff];
                    s.work[ifOff + 1] = s.raw[ifOff + 1];
                    s.work[ifOff + 2] = s.raw[ifOff + 2];
                    IfaceDim.applyWildcard(s.work, ifOff, wl[k]);
                    r = probeOne(s, t, now, spec, len);
                    if (r != MISS) {
                        return r;
                    }
                }
            }
        }
        return MISS;
    }

    private int probeOne(Scratch s, HashTable t, long now, SetLookup spec, int len) {
        layout.pack(s.work, s.key);
        int slot = t.find(s.key);
        int r = hit(t, slot, now, spec, len);
        if (r != MISS) {
            s.hitSlot = slot;
        }
        return r;
    }

    @Override
    public boolean lookupSkbinfo(PacketContext p, SetLookup spec, long[] out, int at) {
        if (spec.dims() < dims.length || family() != null && p.family() != family()) {
            return false;
        }
        // the generic path (not the register fast path) so the hit slot is known
        Scratch s = scratch[p.worker()];
        for (int i = 0; i < dims.length; i++) {
            if (!dims[i].extract(p, spec.src(i), s.raw, offsets[i])) {
                return false;
            }
        }
        HashTable t = table;
        if (probe(s, t, t.expires != null ? clock.getAsLong() : 0, spec, Packets.length(p)) != MATCH) {
            return false;
        }
        long[] skb = t.skb;
        int i = s.hitSlot * 4;
        out[at] = skb == null ? 0 : skb[i];
        out[at + 1] = skb == null ? 0 : skb[i + 1];
        out[at + 2] = skb == null ? 0 : skb[i + 2];
        out[at + 3] = skb == null ? 0 : skb[i + 3];
        return true;
    }

    @Override
    public boolean addFrom(PacketContext p, SetLookup spec, long timeout, boolean exist) {
        if (spec.dims() < dims.length || family() != null && p.family() != family()) {
            return false;
        }
        synchronized (this) {
            if (!extractHost(p, spec)) {
                return false;
            }
            long now = clock.getAsLong();
            HashTable t = table;
            layout.pack(writer.raw, writer.key);
            int slot = t.find(writer.key);
            if (slot >= 0 && !t.expired(slot, now)) {
                if (exist) {
                    t.setExpiry(slot, expiry(timeout, now));
                }
                return true;
            }
            try {
                insert(writer.raw, NO_OPTIONS, expiry(timeout, now), now, true);
                return true;
            } catch (SetException full) {
                // The SET target cannot report an error: a full set simply stays as it is, as in the kernel.
                return false;
            }
        }
    }

    @Override
    public boolean delFrom(PacketContext p, SetLookup spec) {
        if (spec.dims() < dims.length || family() != null && p.family() != family()) {
            return false;
        }
        synchronized (this) {
            if (!extractHost(p, spec)) {
                return false;
            }
            HashTable t = table;
            layout.pack(writer.raw, writer.key);
            int slot = t.find(writer.key);
            if (slot < 0 || t.expired(slot, clock.getAsLong())) {
                return false;
            }
            remove(t, slot);
            return true;
        }
    }

    /** The packet's element with host prefixes, into the writer scratch. */
    private boolean extractHost(PacketContext p, SetLookup spec) {
        for (int i = 0; i < dims.length; i++) {
            if (!dims[i].extract(p, spec.src(i), writer.raw, offsets[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return type.name() + " " + header() + " " + Arrays.toString(combos);
    }
}
