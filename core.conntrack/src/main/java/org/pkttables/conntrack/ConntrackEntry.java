package org.pkttables.conntrack;

import java.net.InetAddress;

/**
 * A snapshot of one connection, as conntrack -L shows it. {@code state} is the protocol state name
 * ({@code ESTABLISHED}, {@code SYN_SENT} …) for TCP and null for protocols without one. For ICMP the
 * ports hold the echo id and {@code icmpType}/{@code icmpCode} the original direction's type and code.
 * {@code helper} is the name of the connection's conntrack helper ({@code helper=ftp} in conntrack -L),
 * null when it has none.
 */
public record ConntrackEntry(long id, int family, int protocol, String state, InetAddress origSrc,
        InetAddress origDst, int origSport, int origDport, InetAddress replSrc, InetAddress replDst,
        int replSport, int replDport, int icmpType, int icmpCode, int status, long timeoutSeconds, int mark,
        long origPackets, long origBytes, long replPackets, long replBytes, String helper) {
    /** An entry without a helper (the form before {@code helper} existed). */
    public ConntrackEntry(long id, int family, int protocol, String state, InetAddress origSrc,
            InetAddress origDst, int origSport, int origDport, InetAddress replSrc, InetAddress replDst,
            int replSport, int replDport, int icmpType, int icmpCode, int status, long timeoutSeconds, int mark,
            long origPackets, long origBytes, long replPackets, long replBytes) {
        this(id, family, protocol, state, origSrc, origDst, origSport, origDport, replSrc, replDst, replSport,
                replDport, icmpType, icmpCode, status, timeoutSeconds, mark, origPackets, origBytes, replPackets,
                replBytes, null);
    }

    /** Address family of the entry: 4 or 6. */
    public boolean isIpv6() {
        return family == 6;
    }

    /** The conntrack zone ({@code CT --zone}), 0 when none; kept in the status word's upper 16 bits. */
    public int zone() {
        return status >>> 16;
    }

    public boolean hasStatus(int bits) {
        return (status & bits) == bits;
    }
}
