package org.pkttables.ext.matches.impl;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.ParameterProblem;

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

    /**
     * Reads {@code s} as libxt_u32's u32_parse does, token by token (blanks before each), refusing what it
     * refuses with its words ({@code u32: at char 2: operator expected}) beside pkttables' account.
     */
    static U32Program parse(String s) {
        List<long[]> nums = new ArrayList<>();
        List<int[]> ops = new ArrayList<>();
        List<long[]> mins = new ArrayList<>();
        List<long[]> maxs = new ArrayList<>();
        List<Long> n = new ArrayList<>();
        List<Integer> o = new ArrayList<>();
        List<long[]> vals = new ArrayList<>();
        boolean values = false; // libxt_u32's state: 0 reading the location, 1 the values
        int i = 0;
        while (true) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i == s.length()) {
                if (!values) {
                    throw error(s, i, "the location is not followed by '=' and a value",
                            "u32: abrupt end of input after location specifier");
                }
                if (vals.isEmpty()) {
                    throw error(s, i, "no value after '='", "u32: test ended with no value specified");
                }
                add(nums, ops, mins, maxs, n, o, vals);
                if (nums.size() > MAX) {
                    throw error(s, i, "more than " + MAX + " tests", "u32: at char " + i + ": too many \"&&\"s");
                }
                break;
            }
            char c = s.charAt(i);
            if (!values) {
                if (c == '=') {
                    if (n.isEmpty()) {
                        throw error(s, i, "no location before '='", "u32: at char " + i + ": location spec missing");
                    }
                    i++;
                    values = true;
                    continue;
                }
                int op = -1;
                if (!n.isEmpty()) {
                    if (c == '&') {
                        op = AND;
                    } else if (c == '<' || c == '>') {
                        i++;
                        if (i == s.length() || s.charAt(i) != c) {
                            throw error(s, i, "expected \"" + c + c + "\"", "u32: at char " + i + ": a second '" + c
                                    + "' was expected");
                        }
                        op = c == '<' ? LEFT : RIGHT;
                    } else if (c == '@') {
                        op = AT;
                    } else {
                        throw error(s, i, "expected an operator (&, <<, >>, @) or '='", "u32: at char " + i
                                + ": operator expected");
                    }
                    i++;
                }
                int end = ParamTypes.numberEnd(s, i);
                long v = number(s, i, end);
                if ((op == LEFT || op == RIGHT) && v > 31) {
                    // iptables' parser takes it; the kernel's u32 checkentry refuses a shift above 31
                    throw new KernelRefusal("u32 \"" + s + "\": shift by " + v + " (at most 31) at position " + i);
                }
                i = end;
                n.add(v);
                o.add(op);
                if (n.size() > MAX) {
                    throw error(s, i, "more than " + MAX + " numbers in a location", "u32: at char " + i
                            + ": too many operators");
                }
            } else if (c == '&') {
                i++;
                if (i == s.length() || s.charAt(i) != '&') {
                    throw error(s, i, "expected \"&&\"", "u32: at char " + i + ": a second '&' was expected");
                }
                if (vals.isEmpty()) {
                    throw error(s, i, "no value before \"&&\"", "u32: at char " + i + ": value spec missing");
                }
                add(nums, ops, mins, maxs, n, o, vals);
                if (nums.size() > MAX) {
                    throw error(s, i, "more than " + MAX + " tests", "u32: at char " + i + ": too many \"&&\"s");
                }
                i++;
                values = false;
            } else {
                if (!vals.isEmpty()) {
                    if (c != ',') {
                        throw error(s, i, "expected ',' or \"&&\"", "u32: at char " + i + ": expected \",\" or \"&&\"");
                    }
                    i++;
                }
                int end = ParamTypes.numberEnd(s, i);
                long lo = number(s, i, end);
                i = end;
                while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                long hi = lo;
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                    end = ParamTypes.numberEnd(s, i);
                    hi = number(s, i, end);
                    i = end;
                }
                vals.add(new long[] {lo, hi});
                if (vals.size() > MAX) {
                    throw error(s, i, "more than " + MAX + " values", "u32: at char " + i + ": too many \",\"s");
                }
            }
        }
        return new U32Program(nums.toArray(new long[0][]), ops.toArray(new int[0][]), mins.toArray(new long[0][]),
                maxs.toArray(new long[0][]));
    }

    /** The number C's strtoul reads from {@code from} to {@code end} of {@code s}, at most 32 bits. */
    private static long number(String s, int from, int end) {
        long v = end == from ? -1 : CNumbers.parse(s.substring(from, end).strip(), 0xffffffffL);
        if (v < 0) {
            throw error(s, from, "expected a number of at most 32 bits", "u32: at char " + from
                    + ": not a number or out of range");
        }
        return v;
    }

    /** Ends the current test: its location and values, emptied for the next. */
    private static void add(List<long[]> nums, List<int[]> ops, List<long[]> mins, List<long[]> maxs, List<Long> n,
            List<Integer> o, List<long[]> vals) {
        long[] na = new long[n.size()];
        int[] oa = new int[o.size()];
        for (int k = 0; k < na.length; k++) {
            na[k] = n.get(k);
            oa[k] = o.get(k);
        }
        long[] lo = new long[vals.size()];
        long[] hi = new long[vals.size()];
        for (int k = 0; k < lo.length; k++) {
            lo[k] = vals.get(k)[0];
            hi[k] = vals.get(k)[1];
        }
        nums.add(na);
        ops.add(oa);
        mins.add(lo);
        maxs.add(hi);
        n.clear();
        o.clear();
        vals.clear();
    }

    private static ParameterProblem error(String s, int at, String what, String words) {
        return new ParameterProblem("u32 \"" + s + "\": " + what + " at position " + at, words);
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
}
