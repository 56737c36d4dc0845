package org.pkttables.ext.matches.impl;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.StatefulMatch;

/**
 * A compiled hashlimit match: a fixed-size open-addressing table of token buckets, one per key, held in
 * primitive arrays and shared lock-free by all workers.
 *
 * <p>A key (the masked addresses and ports {@code --hashlimit-mode} selects) is reduced to a 64-bit
 * fingerprint; a slot is claimed by CAS of its fingerprint from 0, so keys never move and lookups need
 * no lock. Two keys with the same fingerprint would share a bucket (odds about n²/2⁶⁵). Each bucket is
 * the limit match's GCRA: one theoretical arrival time per slot, moved on by CAS. A key idle for longer
 * than {@code expire} starts again with a full bucket, as the kernel forgets it; its slot may then be
 * taken by another key when the table is full. A packet that finds no slot (more than {@code max}
 * live keys) does not match, where the kernel drops it. With a port mode, ports that cannot be read
 * are hotdropped, as hashlimit_init_dst fails then.
 */
final class HashlimitMatch implements StatefulMatch {
    private static final int PROBES = 16;
    private static final int NO_PORTS = -1;
    private static final int HOTDROP = -2;

    private final boolean ipv6;
    private final int mode;
    private final long srcHi;
    private final long srcLo;
    private final long dstHi;
    private final long dstLo;
    private final long interval;
    private final long tolerance;
    private final boolean above;
    private final long expire;
    private final LongSupplier clock;
    private final long origin;
    private final int slotMask;
    private final AtomicLongArray keys;
    private final AtomicLongArray tat;
    private final AtomicLongArray seen;

    HashlimitMatch(boolean ipv6, int mode, int srcmask, int dstmask, long intervalNanos, int burst, boolean above,
            long expireNanos, int max, LongSupplier clock) {
        this.ipv6 = ipv6;
        this.mode = mode;
        int bits = ipv6 ? 128 : 32;
        this.srcHi = maskHi(srcmask, bits);
        this.srcLo = maskLo(srcmask, bits);
        this.dstHi = maskHi(dstmask, bits);
        this.dstLo = maskLo(dstmask, bits);
        this.interval = intervalNanos;
        this.tolerance = (burst - 1) * intervalNanos;
        this.above = above;
        this.expire = expireNanos;
        this.clock = clock;
        this.origin = clock.getAsLong();
        // Twice the keys allowed, so probe chains stay short.
        int slots = Integer.highestOneBit(Math.max(16, max) * 2 - 1) << 1;
        this.slotMask = slots - 1;
        this.keys = new AtomicLongArray(slots);
        this.tat = new AtomicLongArray(slots);
        this.seen = new AtomicLongArray(slots);
    }

    /** High 64 bits of a prefix mask of {@code len} bits on an address of {@code bits} (IPv4: in the low word). */
    private static long maskHi(int len, int bits) {
        if (bits == 32) {
            return 0;
        }
        return len == 0 ? 0 : len >= 64 ? -1L : -1L << (64 - len);
    }

    private static long maskLo(int len, int bits) {
        if (bits == 32) {
            return len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
        }
        return len <= 64 ? 0 : len == 128 ? -1L : -1L << (128 - len);
    }

    @Override
    public boolean mayHotdrop() {
        return (mode & (HashlimitModeType.SRCPORT | HashlimitModeType.DSTPORT)) != 0;
    }

    @Override
    public boolean matches(PacketContext p) {
        long h = 0x9E3779B97F4A7C15L;
        int l3 = p.l3Offset();
        if ((mode & HashlimitModeType.SRCIP) != 0) {
            h = ipv6 ? mix(mix(h, word(p, l3 + 8) & srcHi), word(p, l3 + 16) & srcLo)
                    : mix(h, (p.u32(l3 + 12) & srcLo) | 0x1_0000_0000L);
        }
        if ((mode & HashlimitModeType.DSTIP) != 0) {
            h = ipv6 ? mix(mix(h, word(p, l3 + 24) & dstHi), word(p, l3 + 32) & dstLo)
                    : mix(h, (p.u32(l3 + 16) & dstLo) | 0x2_0000_0000L);
        }
        if ((mode & (HashlimitModeType.SRCPORT | HashlimitModeType.DSTPORT)) != 0) {
            long ports = 0;
            int at = portsAt(p);
            if (at == HOTDROP || (at >= 0 && !p.has(at, 4))) {
                p.hotdrop();
                return false;
            }
            if (at >= 0) {
                if ((mode & HashlimitModeType.SRCPORT) != 0) {
                    ports |= (long) p.u16(at) << 16;
                }
                if ((mode & HashlimitModeType.DSTPORT) != 0) {
                    ports |= p.u16(at + 2);
                }
            }
            h = mix(h, ports | 0x4_0000_0000L);
        }
        long key = h == 0 ? 1 : h;
        long now = clock.getAsLong() - origin;
        int slot = find(key, now);
        if (slot < 0) {
            return false;
        }
        return conforms(slot, now) != above;
    }

    /**
     * Where hashlimit_init_dst reads the two ports: {@link #NO_PORTS} (they count as 0) for protocols
     * without ports and for a later IPv6 fragment (ipv6_skip_exthdr stops at its fragment header),
     * {@link #HOTDROP} for IPv6 "no next header" (ipv6_skip_exthdr fails). IPv4 fragments are not looked
     * at: a later one's payload is read as the ports (measured). AH's SPI sits 4 bytes in.
     */
    private int portsAt(PacketContext p) {
        int proto = p.l4Proto();
        if (ipv6 && p.fragOffset() != 0) {
            return NO_PORTS;
        }
        if (ipv6 && proto == 59) {
            return HOTDROP;
        }
        int l4 = p.l4Offset();
        if (l4 < 0) {
            return NO_PORTS;
        }
        switch (proto) {
            case 6: case 17: case 33: case 50: case 132: case 136:
                return l4;
            case 51:
                return l4 + 4;
            default:
                return NO_PORTS;
        }
    }

    /** The slot holding {@code key}, claiming a free or expired one; -1 when the probe chain is full. */
    private int find(long key, long now) {
        int start = (int) (key ^ (key >>> 32)) & slotMask;
        for (int i = 0; i < PROBES; i++) {
            int s = (start + i) & slotMask;
            long k = keys.get(s);
            if (k == key) {
                return s;
            }
            if (k == 0 && keys.compareAndSet(s, 0, key)) {
                tat.set(s, now);
                seen.set(s, now);
                return s;
            }
            if (keys.get(s) == key) {
                return s;
            }
        }
        // Full chain: take over a slot whose key has been idle longer than expire.
        for (int i = 0; i < PROBES; i++) {
            int s = (start + i) & slotMask;
            long k = keys.get(s);
            if (now - seen.get(s) > expire && keys.compareAndSet(s, k, key)) {
                tat.set(s, now);
                seen.set(s, now);
                return s;
            }
        }
        return -1;
    }

    /** One GCRA step on the bucket of {@code slot}: whether a token was there (and is now taken). */
    private boolean conforms(int slot, long now) {
        boolean expired = now - seen.get(slot) > expire;
        seen.set(slot, now);
        for (;;) {
            long t = tat.get(slot);
            long start = expired ? now : Math.max(t, now);
            if (start - now > tolerance) {
                return false;
            }
            if (tat.compareAndSet(slot, t, start + interval)) {
                return true;
            }
        }
    }

    /** 8 bytes at {@code i} big-endian; 0 when outside the frame. */
    private static long word(PacketContext p, int i) {
        long hi = p.u32(i);
        long lo = p.u32(i + 4);
        return hi < 0 || lo < 0 ? 0 : (hi << 32) | lo;
    }

    private static long mix(long h, long v) {
        long x = (h ^ v) * 0xBF58476D1CE4E5B9L;
        x ^= x >>> 31;
        x *= 0x94D049BB133111EBL;
        return x ^ (x >>> 29);
    }
}
