package org.pkttables.ext.ipset.impl;

import org.pkttables.api.ext.InetText;
import org.pkttables.ext.ipset.api.SetException;

/**
 * Addresses as ipset reads them, with ipset's error text: IPv4 as inet_aton ({@code 1.2.3} is 1.2.0.3),
 * IPv6 as inet_pton (literals only, never a name lookup). Printing is {@link InetText}'s.
 */
final class Inet {
    private Inet() {
    }

    /** An IPv4 address as an unsigned 32-bit value. */
    static long parse4(String s) {
        long v = InetText.parseInetAton(s);
        if (v < 0) {
            throw new SetException("Syntax error: cannot parse " + s + ": resolving to IPv4 address failed");
        }
        return v;
    }

    /** An IPv6 address as {hi, lo}. */
    static long[] parse6(String s) {
        long[] a = InetText.parseIpv6(s);
        if (a == null) {
            throw new SetException("Syntax error: cannot parse " + s + ": resolving to IPv6 address failed");
        }
        return a;
    }
}
