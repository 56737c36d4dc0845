package org.pkttables.ext.matches.impl;

/**
 * One named address list of {@code -m recent}, shared by every rule naming it: at most {@code capacity}
 * addresses (ip_list_tot), each with its last {@code nstamps} sighting times (ip_pkt_list_tot) and the TTL
 * of the last packet that set or updated it.
 *
 * <p>The kernel guards a table with one lock; here the addresses are spread over {@link #STRIPES}
 * stripes by hash, each with its own lock and its share of the capacity, so workers seeing different
 * addresses rarely meet. When a stripe is full the least recently updated address of that stripe is
 * forgotten, and {@code --reap} looks at the oldest address of the packet's stripe only (the kernel: of
 * the whole table). All storage is allocated up front; a packet allocates nothing.
 */
final class RecentTable {
    static final int STRIPES = 8;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final int nstamps;

    RecentTable(int capacity, int nstamps) {
        this.nstamps = nstamps;
        for (int i = 0; i < STRIPES; i++) {
            // Spread the capacity exactly: the first (capacity % STRIPES) stripes take one more.
            int share = capacity / STRIPES + (i < capacity % STRIPES ? 1 : 0);
            stripes[i] = new Stripe(Math.max(1, share), nstamps);
        }
    }

    int nstamps() {
        return nstamps;
    }

    /** Runs recent_mt() of the kernel for one packet: whether the rule's recent match holds. */
    boolean check(RecentMatch m, int family, long hi, long lo, int ttl, long now) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ family;
        Stripe s = stripes[(int) ((h ^ (h >>> 29) ^ (h >>> 47)) & (STRIPES - 1))];
        synchronized (s) {
            return s.check(m, family, hi, lo, ttl, now);
        }
    }

    /** Number of addresses held (tests). */
    int size() {
        int n = 0;
        for (Stripe s : stripes) {
            synchronized (s) {
                for (boolean u : s.used) {
                    n += u ? 1 : 0;
                }
            }
        }
        return n;
    }

    /** One stripe: parallel arrays, slot i is one address. Only touched under its own monitor. */
    private static final class Stripe {
        final boolean[] used;
        final int[] family;
        final long[] hi;
        final long[] lo;
        final int[] ttl;
        final long[] stamps;
        final int[] count;
        final int[] next;
        /** When the slot was last set or updated: the LRU order. */
        final long[] touched;
        final int nstamps;

        Stripe(int cap, int nstamps) {
            used = new boolean[cap];
            family = new int[cap];
            hi = new long[cap];
            lo = new long[cap];
            ttl = new int[cap];
            stamps = new long[cap * nstamps];
            count = new int[cap];
            next = new int[cap];
            touched = new long[cap];
            this.nstamps = nstamps;
        }

        boolean check(RecentMatch m, int fam, long h, long l, int pktTtl, long now) {
            boolean ret = m.invert;
            int e = lookup(fam, h, l, m.rttl ? pktTtl : -1);
            if (e < 0) {
                if (!m.set) {
                    return ret;
                }
                init(fam, h, l, pktTtl, now);
                return !ret;
            }
            if (m.set) {
                ret = !ret;
            } else if (m.remove) {
                used[e] = false;
                return !ret;
            } else if (m.secondsNanos != 0 || m.hitcount != 0) {
                long time = now - m.secondsNanos;
                int hits = 0;
                int base = e * nstamps;
                for (int i = 0; i < count[e]; i++) {
                    if (m.secondsNanos != 0 && time - stamps[base + i] > 0) {
                        continue;
                    }
                    if (m.hitcount == 0 || ++hits >= m.hitcount) {
                        ret = !ret;
                        break;
                    }
                }
                if (m.reap) {
                    reap(time, e);
                }
            } else {
                ret = !ret;
            }
            if (m.set || (m.update && ret)) {
                stamp(e, now);
                ttl[e] = pktTtl;
            }
            return ret;
        }

        /** The slot of the address, -1 if absent; with {@code wantTtl >= 0} also the TTL must agree. */
        private int lookup(int fam, long h, long l, int wantTtl) {
            for (int i = 0; i < used.length; i++) {
                if (used[i] && lo[i] == l && hi[i] == h && family[i] == fam && (wantTtl < 0 || ttl[i] == wantTtl)) {
                    return i;
                }
            }
            return -1;
        }

        private void init(int fam, long h, long l, int pktTtl, long now) {
            int slot = -1;
            for (int i = 0; i < used.length; i++) {
                if (!used[i]) {
                    slot = i;
                    break;
                }
                if (slot < 0 || touched[i] - touched[slot] < 0) {
                    slot = i; // the least recently updated, forgotten when no slot is free
                }
            }
            used[slot] = true;
            family[slot] = fam;
            hi[slot] = h;
            lo[slot] = l;
            ttl[slot] = pktTtl;
            count[slot] = 0;
            next[slot] = 0;
            stamp(slot, now);
        }

        private void stamp(int e, long now) {
            stamps[e * nstamps + next[e]] = now;
            next[e] = (next[e] + 1) % nstamps;
            if (count[e] < nstamps) {
                count[e]++;
            }
            touched[e] = now;
        }

        /** Forgets the least recently updated other address if even its newest sighting is before {@code time}. */
        private void reap(long time, int current) {
            int oldest = -1;
            for (int i = 0; i < used.length; i++) {
                if (used[i] && i != current && (oldest < 0 || touched[i] - touched[oldest] < 0)) {
                    oldest = i;
                }
            }
            if (oldest >= 0 && time - touched[oldest] > 0) {
                used[oldest] = false;
            }
        }
    }
}
