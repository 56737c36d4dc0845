package org.pkttables.ext.ipset.impl;

/**
 * What one dimension of an element given on the command line stands for: one value, or several when
 * it is a range or a prefix that the set stores one by one ({@code 10.0.0.0/30} in a hash:ip,
 * {@code 80-82} as a port). Indexed, so the elements of several dimensions multiply without lists.
 */
interface Values {
    long count();

    /** Writes value {@code index} (0 ≤ index &lt; count) as the dimension's fields at {@code out[off]}. */
    void get(long index, long[] out, int off);

    /** One value, already in field form. */
    static Values one(long... fields) {
        return new Values() {
            @Override
            public long count() {
                return 1;
            }

            @Override
            public void get(long index, long[] out, int off) {
                System.arraycopy(fields, 0, out, off, fields.length);
            }
        };
    }

    /** {@code n} one-field values {@code first}, {@code first + step}, ... (a range or a prefix walked). */
    static Values stepping(long first, long step, long n) {
        return new Values() {
            @Override
            public long count() {
                return n;
            }

            @Override
            public void get(long index, long[] out, int off) {
                out[off] = first + index * step;
            }
        };
    }
}
