package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ListContext;
import org.pkttables.api.ext.ParamType;

/**
 * {@code n}, {@code lo:hi}, {@code lo:}, {@code :hi} or {@code :}, numbers read like C's strtoul with
 * base 0 (as xtables_parse_range does); listed as {@code n} when lo == hi, else {@code lo:hi}. Subclasses
 * read the numbers their own way ({@link PortRangeType}).
 */
class NumRangeType extends ParamType<NumRange> {
    static final NumRangeType U16 = new NumRangeType(0xffffL);
    static final NumRangeType U32 = new NumRangeType(0xffffffffL);
    static final NumRange ALL_U32 = new NumRange(0, 0xffffffffL);
    /**
     * SCTP ports: as {@link #U16}, listed by {@code -L} with their sctp service names, and not at all when
     * the range is every port (libxt_sctp's print_ports).
     */
    static final NumRangeType SCTP_PORT = new NumRangeType("value[:value]", 0xffffL) {
        /** libxt_sctp's parse_sctp_ports: xtables_parse_port's words. */
        @Override
        long number(String s, String whole) {
            try {
                return super.number(s, whole);
            } catch (IllegalArgumentException e) {
                throw (ParameterProblem) new ParameterProblem(e.getMessage(), "invalid port/service `" + s
                        + "' specified").initCause(e);
            }
        }

        @Override
        public List<String> listed(NumRange r, ListContext ctx) {
            if (r.isAll(0xffffL)) {
                return List.of();
            }
            String lo = ctx.port((int) r.lo(), "sctp");
            return List.of(r.lo() == r.hi() ? lo : lo + ":" + ctx.port((int) r.hi(), "sctp"));
        }
    };

    private final long max;

    private NumRangeType(long max) {
        this("value[:value]", max);
    }

    NumRangeType(String name, long max) {
        super(name, 1);
        this.max = max;
    }

    /**
     * {@code args} without {@code p} when its range covers every value up to {@code max}: ip(6)tables
     * 1.8.9 does not list such a range, inverted or not, and it tests nothing.
     */
    static Args dropAll(Args args, Param<NumRange> p, long max) {
        return args.has(p) && args.get(p).isAll(max) ? args.toBuilder().remove(p).build() : args;
    }

    long max() {
        return max;
    }

    @Override
    public final NumRange parse(List<String> words) {
        String w = words.get(0);
        int colon = w.indexOf(':');
        if (colon < 0) {
            long v = number(w, w);
            return new NumRange(v, v);
        }
        String lo = w.substring(0, colon);
        String hi = w.substring(colon + 1);
        return range(lo.isEmpty() ? 0 : number(lo, w), hi.isEmpty() ? max : number(hi, w), w);
    }

    /** The range {@code lo:hi} read from {@code whole}; {@code lo > hi} is kept (it matches nothing). */
    NumRange range(long lo, long hi, String whole) {
        return new NumRange(lo, hi);
    }

    /** One number of {@code whole}, C's strtoul with base 0, at most {@link #max()}. */
    long number(String s, String whole) {
        long v = CNumbers.parse(s, max);
        if (v < 0) {
            // xtopt_parse_mint names the text from the bad number on
            throw ParameterProblem.outOfRangeNear("invalid value \"" + s + "\" in \"" + whole + "\" (want 0-" + max
                    + ")", whole.startsWith(s) ? whole : s, max);
        }
        return v;
    }

    @Override
    public final List<String> format(NumRange r) {
        return List.of(r.lo() == r.hi() ? Long.toString(r.lo()) : r.lo() + ":" + r.hi());
    }

    /** A range of several values ({@code 1:2}), for listing templates' {@code {s}}. */
    @Override
    public final boolean plural(NumRange r) {
        return r.lo() != r.hi();
    }
}
