package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code --u32} expression: up to 10 tests joined by {@code &&}; each a location (a start
 * offset followed by up to 9 of {@code &mask}, {@code <<n}, {@code >>n}, {@code @offset}) and up to 10
 * values or ranges. Parsed with libxt_u32's rules (C numbers, blanks between tokens, shifts 0-31);
 * {@link #toString()} is iptables' canonical text ({@code 0x6&0xff=0x1:0x3}). Immutable.
 */
final class U32Program {
    static final int AND = 0;
    static final int LEFT = 1;
    static final int RIGHT = 2;
    static final int AT = 3;
    static final int MAX = 10;

    private static final String[] OP_TEXT = {"&", "<<", ">>", "@"};

    /** Per test: location numbers, the operator before each (index 0 unused), value ranges. */
    final long[][] nums;
    final int[][] ops;
    final long[][] min;
    final long[][] max;

    private U32Program(long[][] nums, int[][] ops, long[][] min, long[][] max) {
        this.nums = nums;
        this.ops = ops;
        this.min = min;
        this.max = max;
    }

    int tests() {
        return nums.length;
    }

    static U32Program parse(String s) {
        Parser p = new Parser(s);
        List<long[]> nums = new ArrayList<>();
        List<int[]> ops = new ArrayList<>();
        List<long[]> mins = new ArrayList<>();
        List<long[]> maxs = new ArrayList<>();
        do {
            if (nums.size() == MAX) {
                throw p.error("more than " + MAX + " tests");
            }
            List<Long> n = new ArrayList<>();
            List<Integer> o = new ArrayList<>();
            n.add(p.number());
            o.add(-1);
            while (true) {
                int op = p.operator();
                if (op < 0) {
                    break;
                }
                if (n.size() == MAX) {
                    throw p.error("more than " + MAX + " numbers in a location");
                }
                long v = p.number();
                if ((op == LEFT || op == RIGHT) && v > 31) {
                    // iptables' parser takes it; the kernel's u32 checkentry refuses a shift above 31
                    throw new KernelRefusal(p.error("shift by " + v + " (at most 31)").getMessage());
                }
                n.add(v);
                o.add(op);
            }
            p.expect('=');
            List<long[]> vals = new ArrayList<>();
            do {
                if (vals.size() == MAX) {
                    throw p.error("more than " + MAX + " values");
                }
                long lo = p.number();
                long hi = lo;
                if (p.accept(':')) {
                    hi = p.number();
                }
                vals.add(new long[] {lo, hi});
            } while (p.accept(','));
            long[] na = new long[n.size()];
            int[] oa = new int[o.size()];
            for (int i = 0; i < na.length; i++) {
                na[i] = n.get(i);
                oa[i] = o.get(i);
            }
            long[] lo = new long[vals.size()];
            long[] hi = new long[vals.size()];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = vals.get(i)[0];
                hi[i] = vals.get(i)[1];
            }
            nums.add(na);
            ops.add(oa);
            mins.add(lo);
            maxs.add(hi);
        } while (p.acceptAnd());
        p.end();
        return new U32Program(nums.toArray(new long[0][]), ops.toArray(new int[0][]), mins.toArray(new long[0][]),
                maxs.toArray(new long[0][]));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int t = 0; t < nums.length; t++) {
            if (t > 0) {
                sb.append("&&");
            }
            for (int i = 0; i < nums[t].length; i++) {
                if (i > 0) {
                    sb.append(OP_TEXT[ops[t][i]]);
                }
                sb.append("0x").append(Long.toHexString(nums[t][i]));
            }
            sb.append('=');
            for (int i = 0; i < min[t].length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("0x").append(Long.toHexString(min[t][i]));
                if (max[t][i] != min[t][i]) {
                    sb.append(":0x").append(Long.toHexString(max[t][i]));
                }
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof U32Program u && toString().equals(u.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** Tokens of the expression; blanks are allowed between them, never inside. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("u32 \"" + s + "\": " + what + " at position " + i);
        }

        private void blanks() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        long number() {
            blanks();
            int start = i;
            int radix = 10;
            if (s.startsWith("0x", i) || s.startsWith("0X", i)) {
                radix = 16;
                i += 2;
            } else if (i < s.length() && s.charAt(i) == '0') {
                radix = 8;
            }
            int digits = i;
            long v = 0;
            while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0) {
                v = v * radix + Character.digit(s.charAt(i), radix);
                if (v > 0xffffffffL) {
                    throw error("number beyond 32 bits");
                }
                i++;
            }
            if (i == digits || (i < s.length() && Character.isLetterOrDigit(s.charAt(i)))) {
                i = start;
                throw error("expected a number");
            }
            return v;
        }

        /** The next location operator, or -1 (nothing consumed) when there is none. */
        int operator() {
            blanks();
            if (s.startsWith("&&", i)) {
                return -1;
            }
            if (s.startsWith("&", i)) {
                i++;
                return AND;
            }
            if (s.startsWith("<<", i)) {
                i += 2;
                return LEFT;
            }
            if (s.startsWith(">>", i)) {
                i += 2;
                return RIGHT;
            }
            if (s.startsWith("@", i)) {
                i++;
                return AT;
            }
            return -1;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw error("expected '" + c + "'");
            }
        }

        boolean accept(char c) {
            blanks();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        boolean acceptAnd() {
            blanks();
            if (s.startsWith("&&", i)) {
                i += 2;
                return true;
            }
            return false;
        }

        void end() {
            blanks();
            if (i != s.length()) {
                throw error("unexpected '" + s.charAt(i) + "'");
            }
        }
    }
}
