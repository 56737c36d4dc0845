package org.pkttables.ext.ipset.api;

/**
 * What a rule asks of a set for one packet, fixed when the rule is compiled: which packet fields to
 * take for each dimension of the set ({@code src,dst}), and the counter conditions and updates of the
 * set match. Immutable, so the packet path can share it.
 */
public final class SetLookup {
    /** Counter comparisons ({@code --packets-eq} and friends). */
    public static final int OP_NONE = 0;
    public static final int OP_EQ = 1;
    public static final int OP_NE = 2;
    public static final int OP_LT = 3;
    public static final int OP_GT = 4;

    private final int dims;
    private final int srcBits;
    private final boolean updateCounters;
    private final boolean updateSubcounters;
    private final int packetsOp;
    private final long packets;
    private final int bytesOp;
    private final long bytes;
    private final SetLookup member;

    /**
     * @param dims    number of dimensions named ({@code src,dst} is 2)
     * @param srcBits bit {@code i} set when dimension {@code i} is taken from the source
     */
    public SetLookup(int dims, int srcBits, boolean updateCounters, boolean updateSubcounters, int packetsOp,
            long packets, int bytesOp, long bytes) {
        if (dims < 1 || dims > 6) {
            throw new IllegalArgumentException("1 to 6 dimensions, not " + dims);
        }
        this.dims = dims;
        this.srcBits = srcBits;
        this.updateCounters = updateCounters;
        this.updateSubcounters = updateSubcounters;
        this.packetsOp = packetsOp;
        this.packets = packets;
        this.bytesOp = bytesOp;
        this.bytes = bytes;
        // The members of a list:set are asked without counter conditions; their counters follow
        // --update-subcounters (made once here so the packet path allocates nothing).
        this.member = packetsOp == OP_NONE && bytesOp == OP_NONE && updateCounters == updateSubcounters ? this
                : new SetLookup(dims, srcBits, updateSubcounters);
    }

    private SetLookup(int dims, int srcBits, boolean update) {
        this.dims = dims;
        this.srcBits = srcBits;
        this.updateCounters = update;
        this.updateSubcounters = update;
        this.packetsOp = OP_NONE;
        this.packets = 0;
        this.bytesOp = OP_NONE;
        this.bytes = 0;
        this.member = this;
    }

    /** A plain lookup: the given directions, counters updated, no conditions. */
    public static SetLookup of(int dims, int srcBits) {
        return new SetLookup(dims, srcBits, true, true, OP_NONE, 0, OP_NONE, 0);
    }

    public int dims() {
        return dims;
    }

    /** True when dimension {@code i} (0-based) is read from the packet's source. */
    public boolean src(int i) {
        return (srcBits & (1 << i)) != 0;
    }

    public int srcBits() {
        return srcBits;
    }

    public boolean updateCounters() {
        return updateCounters;
    }

    public boolean updateSubcounters() {
        return updateSubcounters;
    }

    public boolean hasCounterConditions() {
        return packetsOp != OP_NONE || bytesOp != OP_NONE;
    }

    /** True when an entry with these counters passes {@code --packets-*} and {@code --bytes-*}. */
    public boolean countersPass(long entryPackets, long entryBytes) {
        return compare(packetsOp, entryPackets, packets) && compare(bytesOp, entryBytes, bytes);
    }

    /** How the members of a list:set are asked. */
    public SetLookup member() {
        return member;
    }

    private static boolean compare(int op, long have, long want) {
        switch (op) {
            case OP_EQ: return have == want;
            case OP_NE: return have != want;
            case OP_LT: return Long.compareUnsigned(have, want) < 0;
            case OP_GT: return Long.compareUnsigned(have, want) > 0;
            default: return true;
        }
    }
}
