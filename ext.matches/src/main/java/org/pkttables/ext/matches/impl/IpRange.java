package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.InetText;

/**
 * An address range {@code from-to} of one family; IPv4 addresses sit in {@code fromLo}/{@code toLo}
 * (high words 0), IPv6 ones use both longs. {@code from > to} is kept: iptables accepts it, and it
 * matches nothing.
 */
record IpRange(boolean v6, long fromHi, long fromLo, long toHi, long toLo) {
    @Override
    public String toString() {
        return v6 ? InetText.formatIpv6(fromHi, fromLo) + "-" + InetText.formatIpv6(toHi, toLo)
                : InetText.formatIpv4(fromLo) + "-" + InetText.formatIpv4(toLo);
    }
}
