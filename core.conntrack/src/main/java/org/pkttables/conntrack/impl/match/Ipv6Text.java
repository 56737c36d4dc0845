package org.pkttables.conntrack.impl.match;

import org.pkttables.api.ext.InetText;

/** An IPv6 address as inet_ntop prints it (what ip6tables and conntrack-tools show). */
final class Ipv6Text {
    private Ipv6Text() {
    }

    static String compress(byte[] b) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return InetText.formatIpv6(hi, lo);
    }
}
