package org.pkttables.ext.ipset.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.pkttables.api.Family;

/**
 * Which prefix lengths a {@code hash:*} set holds, so that a lookup tries only those, most specific first
 * (as the kernel does): the prefix-length combinations of its nets, the lengths of its wildcard interface
 * names, and for sets of one IPv4 net the lengths per /16 block. Kept up to date by the writer as elements
 * come and go ({@link #count}); read by the packet path ({@link HashContents}) through volatile arrays.
 */
abstract class HashPrefixes extends HashElements {
    /**
     * Sets with one IPv4 net: per /16 block of addresses, a bit for each prefix length that has an
     * entry overlapping the block, so a lookup tries only those lengths (about one or two in a
     * 100,000-prefix blocklist instead of every length the set holds). Bits of deleted entries stay
     * until the next rebuild: they cost a probe, never a wrong answer. Null until the set has
     * {@link #BLOCK_INDEX_FROM} entries.
     */
    volatile long[] blockMasks;
    final boolean blockIndexed;
    static final int BLOCK_INDEX_FROM = 64;
    /** Prefix-length combinations present, most specific first: {@code cidr0 | cidr1 << 8}. */
    volatile int[] combos;
    final int[] comboCount;
    /** Lengths of the wildcard interface names present, longest first. */
    volatile int[] wildLens = new int[0];
    final int[] wildCount = new int[IfaceDim.MAX_LEN + 1];

    HashPrefixes(HashSetType type, CreateOptions opts, LongSupplier clock) {
        super(type, opts, clock);
        int maxCidr = net0 < 0 ? 0 : dims[net0].maxCidr();
        this.comboCount = new int[(maxCidr + 1) * (maxCidr + 1)];
        this.combos = net0 < 0 ? new int[] {0} : new int[0];
        this.blockIndexed = net0 >= 0 && net1 < 0 && opts.family == Family.IPV4;
    }

    /** Counts the prefix lengths (and wildcard lengths) of an element in or out ({@code table}: where it goes). */
    void count(HashTable table, long[] f, int delta) {
        if (blockIndexed && delta > 0) {
            long[] bm = blockMasks;
            if (bm != null) {
                mark(bm, f[offsets[net0]], (int) f[offsets[net0] + 1]);
            } else if (table.live + 1 >= BLOCK_INDEX_FROM) {
                blockMasks = buildBlockMasks(table, f);
            }
        }
        if (net0 >= 0) {
            int c0 = (int) f[offsets[net0] + dims[net0].cidrField()];
            int c1 = net1 < 0 ? 0 : (int) f[offsets[net1] + dims[net1].cidrField()];
            int max = dims[net0].maxCidr() + 1;
            int idx = c0 * max + c1;
            int before = comboCount[idx];
            comboCount[idx] += delta;
            if ((before == 0) != (comboCount[idx] == 0)) {
                publishCombos(max);
            }
        }
        if (iface >= 0 && (f[offsets[iface] + 2] & IfaceDim.WILDCARD) != 0) {
            int len = IfaceDim.length(f, offsets[iface]);
            int before = wildCount[len];
            wildCount[len] += delta;
            if ((before == 0) != (wildCount[len] == 0)) {
                List<Integer> lens = new ArrayList<>();
                for (int l = IfaceDim.MAX_LEN; l >= 0; l--) {
                    if (wildCount[l] > 0) {
                        lens.add(l);
                    }
                }
                wildLens = lens.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.arrayElementVarHandle(long[].class);

    /** Sets the bit of prefix length {@code cidr} in every /16 block the prefix overlaps. */
    static void mark(long[] bm, long addr, int cidr) {
        int first = (int) (addr >>> 16);
        int n = cidr >= 16 ? 1 : 1 << (16 - cidr);
        for (int b = first; b < first + n; b++) {
            LONGS.setRelease(bm, b, bm[b] | (1L << cidr));
        }
    }

    /** The block masks of the live entries of {@code t}, plus the element in {@code extra} (being added). */
    long[] buildBlockMasks(HashTable t, long[] extra) {
        long[] bm = new long[1 << 16];
        long[] key = new long[t.w];
        long[] f = new long[fields];
        for (int i = 0; i < t.capacity; i++) {
            if (!t.isLive(i)) {
                continue;
            }
            for (int k = 0; k < t.w; k++) {
                key[k] = t.keyWord(i, k);
            }
            layout.unpack(key, f);
            mark(bm, f[offsets[net0]], (int) f[offsets[net0] + 1]);
        }
        if (extra != null) {
            mark(bm, extra[offsets[net0]], (int) extra[offsets[net0] + 1]);
        }
        return bm;
    }

    void publishCombos(int max) {
        List<Integer> out = new ArrayList<>();
        for (int c0 = max - 1; c0 >= 0; c0--) {
            for (int c1 = max - 1; c1 >= 0; c1--) {
                if (comboCount[c0 * max + c1] > 0) {
                    out.add(c0 | c1 << 8);
                }
            }
        }
        combos = out.stream().mapToInt(Integer::intValue).toArray();
    }
}
