package org.pkttables.conntrack.impl;

import java.net.Inet6Address;
import java.util.Locale;

import org.pkttables.api.ext.InetText;
import org.pkttables.conntrack.Expectation;

/**
 * One expectation as {@code conntrack -L expect} prints it (libnetfilter_conntrack's default format):
 * remaining seconds, the expected tuple, its mask (a wildcard source port shows as sport=0 in both), the
 * master's tuple, class and helper.
 */
final class ExpectFormat {
    private ExpectFormat() {
    }

    static String format(Expectation e, long nowMillis) {
        boolean v6 = e.destination() instanceof Inet6Address;
        String full = v6 ? "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" : "255.255.255.255";
        String none = v6 ? "::" : "0.0.0.0";
        String anySrc = v6 ? "::" : "0.0.0.0";
        long left = Math.max(0, (e.expiresMillis() - nowMillis + 999) / 1000);
        return String.format(Locale.ROOT,
                "%d proto=%d src=%s dst=%s sport=%d dport=%d mask-src=%s mask-dst=%s sport=%d dport=65535 "
                        + "master-src=%s master-dst=%s sport=%d dport=%d class=0 helper=%s",
                left, e.protocol(), e.source() == null ? anySrc : InetText.format(e.source()),
                InetText.format(e.destination()), Math.max(0, e.sourcePort()), e.destinationPort(),
                e.source() == null ? none : full, full, e.sourcePort() < 0 ? 0 : 65535,
                InetText.format(e.masterSource()), InetText.format(e.masterDestination()),
                e.masterSourcePort(), e.masterDestinationPort(), e.helper());
    }
}
