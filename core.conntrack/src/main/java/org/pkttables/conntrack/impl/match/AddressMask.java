package org.pkttables.conntrack.impl.match;

/**
 * An address with a prefix length, as two longs each (IPv4 in the low word). The address is kept as
 * given (iptables lists {@code --ctorigsrc 10.1.2.3/8} unmasked); the mask applies when matching.
 */
record AddressMask(boolean v6, long hi, long lo, long maskHi, long maskLo, int prefix) {
    boolean matches(long aHi, long aLo) {
        return ((aHi ^ hi) & maskHi) == 0 && ((aLo ^ lo) & maskLo) == 0;
    }
}
