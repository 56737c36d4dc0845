package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;

/**
 * A compiled u32 match, as the kernel's u32_match_it: offsets count from the IP header, the packet
 * ends at the IP length (link-layer padding is not part of it), and a word that does not lie wholly
 * inside makes the test fail. {@code @} adds the current value to the base and reads at base + offset,
 * with the kernel's overflow checks; all arithmetic is unsigned 32-bit, kept in longs.
 */
final class U32Match implements Match {
    private static final long M32 = 0xffffffffL;

    private final long[][] nums;
    private final int[][] ops;
    private final long[][] min;
    private final long[][] max;
    private final boolean inv;

    U32Match(U32Program prog, boolean inv) {
        int n = prog.tests();
        nums = new long[n][];
        ops = new int[n][];
        min = new long[n][];
        max = new long[n][];
        for (int t = 0; t < n; t++) {
            nums[t] = prog.nums[t].clone();
            ops[t] = prog.ops[t].clone();
            min[t] = prog.min[t].clone();
            max[t] = prog.max[t].clone();
        }
        this.inv = inv;
    }

    @Override
    public boolean matches(PacketContext p) {
        int l3 = p.l3Offset();
        if (l3 < 0) {
            return false;
        }
        int end = IpEnd.of(p, l3);
        if (end < 0) {
            return false;
        }
        return all(p, l3, end - l3) != inv;
    }

    private boolean all(PacketContext p, int l3, long len) {
        for (int t = 0; t < nums.length; t++) {
            long[] n = nums[t];
            int[] o = ops[t];
            long at = 0;
            long pos = n[0];
            if (len < 4 || pos > len - 4) {
                return false;
            }
            long val = p.u32(l3 + (int) pos);
            for (int i = 1; i < n.length; i++) {
                long number = n[i];
                switch (o[i]) {
                    case U32Program.AND:
                        val &= number;
                        break;
                    case U32Program.LEFT:
                        val = (val << number) & M32;
                        break;
                    case U32Program.RIGHT:
                        val >>>= number;
                        break;
                    default:
                        if (at + val > M32) {
                            return false;
                        }
                        at += val;
                        pos = number;
                        if (at + 4 > M32 || len < at + 4 || pos > len - at - 4) {
                            return false;
                        }
                        val = p.u32(l3 + (int) (at + pos));
                        break;
                }
            }
            boolean hit = false;
            for (int i = 0; i < min[t].length && !hit; i++) {
                hit = min[t][i] <= val && val <= max[t][i];
            }
            if (!hit) {
                return false;
            }
        }
        return true;
    }
}
