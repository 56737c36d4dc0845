package org.pkttables.conntrack.impl.match;

/** An address with a prefix length, as two longs each (IPv4 in the low word), already masked. */
record AddressMask(boolean v6, long hi, long lo, long maskHi, long maskLo, int prefix) {
    boolean matches(long aHi, long aLo) {
        return (aHi & maskHi) == hi && (aLo & maskLo) == lo;
    }
}
