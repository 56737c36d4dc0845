package org.pkttables.api.ext;

/**
 * "The packet's {@code field} lies in {@code [lo, hi]}" (unsigned, inclusive): a condition a match
 * needs for it to match. See {@link IndexableMatch}.
 */
public record FieldConstraint(IndexField field, long lo, long hi) {
    public FieldConstraint {
        if (field == null) {
            throw new IllegalArgumentException("field constraint without a field");
        }
        long max = (1L << field.bits()) - 1;
        if (lo < 0 || hi > max || lo > hi) {
            throw new IllegalArgumentException("invalid range " + lo + ".." + hi + " for " + field);
        }
    }

    /** One value. */
    public static FieldConstraint exact(IndexField field, long value) {
        return new FieldConstraint(field, value, value);
    }

    /** {@code address/len}: the values whose first {@code len} bits are those of {@code address}. */
    public static FieldConstraint prefix(IndexField field, long address, int len) {
        int bits = field.bits();
        if (len < 0 || len > bits) {
            throw new IllegalArgumentException("prefix length " + len + " outside 0.." + bits + " for " + field);
        }
        long all = (1L << bits) - 1;
        long host = len == bits ? 0 : all >>> len;
        long lo = address & all & ~host;
        return new FieldConstraint(field, lo, lo | host);
    }

    /** True when the constraint admits every value (it narrows nothing). */
    public boolean isAll() {
        return lo == 0 && hi == (1L << field.bits()) - 1;
    }
}
