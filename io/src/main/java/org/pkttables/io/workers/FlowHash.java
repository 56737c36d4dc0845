package org.pkttables.io.workers;

/**
 * Picks a worker for a frame by a symmetric flow hash: both directions of a connection (addresses and
 * ports swapped) get the same value, because the parts are combined by addition. Connection tracking
 * will rely on that: a flow's state lives on one worker. Reads only the raw frame, allocates nothing.
 */
public final class FlowHash {
    private FlowHash() {
    }

    public static int worker(byte[] b, int len, int workers) {
        return workers == 1 ? 0 : (int) (((hash(b, len) & 0xffffffffL) * workers) >>> 32);
    }

    public static int hash(byte[] b, int len) {
        if (len < 14) {
            return 0;
        }
        int type = u16(b, 12);
        if (type == 0x0800 && len >= 34) {
            int ihl = (b[14] & 0x0f) * 4;
            int proto = b[23] & 0xff;
            int h = s32(b, 26) + s32(b, 30) + proto;
            boolean fragment = (u16(b, 20) & 0x3fff) != 0;
            int l4 = 14 + ihl;
            if (!fragment && hasPorts(proto) && len >= l4 + 4) {
                h += (u16(b, l4) + u16(b, l4 + 2)) * 0x9e3779b1;
            }
            return mix(h);
        }
        if (type == 0x86dd && len >= 54) {
            int h = 0;
            for (int i = 22; i < 54; i += 4) {
                h += mix(s32(b, i)); // per word, so swapped words of one address do not collide trivially
            }
            int nh = b[20] & 0xff;
            h += nh;
            if (hasPorts(nh) && len >= 58) {
                h += (u16(b, 54) + u16(b, 56)) * 0x9e3779b1;
            }
            return mix(h);
        }
        if (type == 0x0806 && len >= 42) {
            return mix(s32(b, 28) + s32(b, 38));
        }
        return mix(s32(b, 0) + u16(b, 4) + s32(b, 6) + u16(b, 10));
    }

    private static boolean hasPorts(int proto) {
        return proto == 6 || proto == 17 || proto == 132 || proto == 136;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static int s32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    /** murmur3's finalizer: spreads the sums over all bits before the worker is picked from the top. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
