package org.pkttables.api;

/**
 * The codes a REJECT target stores with {@link PacketContext#setRejectWith(int)} and the io layer
 * answers: each code says what to send back on its own, so the io layer needs no table and no
 * extension's API. {@link #kind} is ICMP, ICMPv6 or a TCP reset, and for the ICMP kinds
 * {@link #icmpType}/{@link #icmpCode} are the message's type and code. Never 0, which is
 * {@link PacketContext#REJECT_NONE}.
 *
 * @since 1.3.0
 */
public final class RejectCodes {
    /** {@link #kind}: an ICMP (IPv4) error. */
    public static final int KIND_ICMP = 0x10000;
    /** {@link #kind}: an ICMPv6 error. */
    public static final int KIND_ICMP6 = 0x20000;
    /** {@link #kind}: a TCP RST. */
    public static final int KIND_TCP_RESET = 0x30000;

    public static final int TCP_RESET = KIND_TCP_RESET;

    // ICMP destination unreachable (type 3) with its code.
    public static final int ICMP_NET_UNREACHABLE = KIND_ICMP | 3 << 8;
    public static final int ICMP_HOST_UNREACHABLE = KIND_ICMP | 3 << 8 | 1;
    public static final int ICMP_PROT_UNREACHABLE = KIND_ICMP | 3 << 8 | 2;
    public static final int ICMP_PORT_UNREACHABLE = KIND_ICMP | 3 << 8 | 3;
    public static final int ICMP_NET_PROHIBITED = KIND_ICMP | 3 << 8 | 9;
    public static final int ICMP_HOST_PROHIBITED = KIND_ICMP | 3 << 8 | 10;
    public static final int ICMP_ADMIN_PROHIBITED = KIND_ICMP | 3 << 8 | 13;

    // ICMPv6 destination unreachable (type 1) with its code.
    public static final int ICMP6_NO_ROUTE = KIND_ICMP6 | 1 << 8;
    public static final int ICMP6_ADM_PROHIBITED = KIND_ICMP6 | 1 << 8 | 1;
    public static final int ICMP6_ADDR_UNREACH = KIND_ICMP6 | 1 << 8 | 3;
    public static final int ICMP6_PORT_UNREACH = KIND_ICMP6 | 1 << 8 | 4;
    public static final int ICMP6_POLICY_FAIL = KIND_ICMP6 | 1 << 8 | 5;
    public static final int ICMP6_REJECT_ROUTE = KIND_ICMP6 | 1 << 8 | 6;

    private RejectCodes() {
    }

    /** {@link #KIND_ICMP}, {@link #KIND_ICMP6} or {@link #KIND_TCP_RESET}; 0 for no reject. */
    public static int kind(int code) {
        return code & 0xff0000;
    }

    /** The ICMP/ICMPv6 type to send (meaningless for a TCP reset). */
    public static int icmpType(int code) {
        return (code >>> 8) & 0xff;
    }

    /** The ICMP/ICMPv6 code to send. */
    public static int icmpCode(int code) {
        return code & 0xff;
    }
}
