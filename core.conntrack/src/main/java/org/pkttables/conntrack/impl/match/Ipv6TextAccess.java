package org.pkttables.conntrack.impl.match;

/** Gives the command's printer the same IPv6 text as the match listing. */
public final class Ipv6TextAccess {
    private Ipv6TextAccess() {
    }

    public static String compress(byte[] b) {
        return Ipv6Text.compress(b);
    }
}
