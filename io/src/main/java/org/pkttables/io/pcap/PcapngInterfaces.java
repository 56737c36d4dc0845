package org.pkttables.io.pcap;

import java.util.Arrays;

/**
 * The interfaces of a pcapng section, in the order of their Interface Description Blocks: each one's
 * link type, snap length and timestamp resolution ({@code if_tsresol}: 10^-N or 2^-N seconds, default
 * microseconds). Grows only when a block describes an interface, never per packet.
 */
final class PcapngInterfaces {
    private int count;
    private int[] linkType = new int[4];
    private int[] snapLen = new int[4];
    /** The resolution's exponent; negative for a power of two (-N: 2^-N s). */
    private int[] resolution = new int[4];

    /** A new section: no interfaces. */
    void clear() {
        count = 0;
    }

    void add(int type, int snap, int res) {
        if (count == linkType.length) {
            linkType = Arrays.copyOf(linkType, count * 2);
            snapLen = Arrays.copyOf(snapLen, count * 2);
            resolution = Arrays.copyOf(resolution, count * 2);
        }
        linkType[count] = type;
        snapLen[count] = snap;
        resolution[count] = res;
        count++;
    }

    int count() {
        return count;
    }

    int linkType(int i) {
        return linkType[i];
    }

    int snapLen(int i) {
        return snapLen[i];
    }

    /** A timestamp of interface {@code i} (in its units since 1970) in nanoseconds. */
    long nanos(int i, long units) {
        int r = resolution[i];
        if (r >= 0) {
            if (r <= 9) {
                return units * POW10[9 - r];
            }
            return r - 9 < POW10.length ? units / POW10[r - 9] : 0;
        }
        int shift = -r;
        if (shift > 62) {
            return 0;
        }
        long whole = units >>> shift;
        long frac = units & ((1L << shift) - 1);
        return whole * 1_000_000_000L + (shift <= 33 ? (frac * 1_000_000_000L) >>> shift
                : (long) (frac / (double) (1L << shift) * 1e9));
    }

    private static final long[] POW10 = { 1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L, 1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L };
}
