package org.pkttables.ext.matches.impl;

/**
 * An address range {@code from-to} of one family; IPv4 addresses sit in {@code fromLo}/{@code toLo}
 * (high words 0), IPv6 ones use both longs. {@code from > to} is kept: iptables accepts it, and it
 * matches nothing.
 */
record IpRange(boolean v6, long fromHi, long fromLo, long toHi, long toLo) {
    @Override
    public String toString() {
        return v6 ? IpAddresses.format6(fromHi, fromLo) + "-" + IpAddresses.format6(toHi, toLo)
                : IpAddresses.format4(fromLo) + "-" + IpAddresses.format4(toLo);
    }
}
