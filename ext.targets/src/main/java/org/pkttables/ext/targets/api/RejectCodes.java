package org.pkttables.ext.targets.api;

/**
 * The codes the REJECT targets store with {@link org.pkttables.api.PacketContext#setRejectWith(int)}.
 *
 * @deprecated moved to the core API as {@link org.pkttables.api.RejectCodes} (the same codes, the same
 *             methods), so that the io layer needs no extension's API; this class forwards to it.
 */
@Deprecated
public final class RejectCodes {
    /** {@link #kind}: an ICMP (IPv4) error. */
    public static final int KIND_ICMP = org.pkttables.api.RejectCodes.KIND_ICMP;
    /** {@link #kind}: an ICMPv6 error. */
    public static final int KIND_ICMP6 = org.pkttables.api.RejectCodes.KIND_ICMP6;
    /** {@link #kind}: a TCP RST. */
    public static final int KIND_TCP_RESET = org.pkttables.api.RejectCodes.KIND_TCP_RESET;

    public static final int TCP_RESET = org.pkttables.api.RejectCodes.TCP_RESET;

    public static final int ICMP_NET_UNREACHABLE = org.pkttables.api.RejectCodes.ICMP_NET_UNREACHABLE;
    public static final int ICMP_HOST_UNREACHABLE = org.pkttables.api.RejectCodes.ICMP_HOST_UNREACHABLE;
    public static final int ICMP_PROT_UNREACHABLE = org.pkttables.api.RejectCodes.ICMP_PROT_UNREACHABLE;
    public static final int ICMP_PORT_UNREACHABLE = org.pkttables.api.RejectCodes.ICMP_PORT_UNREACHABLE;
    public static final int ICMP_NET_PROHIBITED = org.pkttables.api.RejectCodes.ICMP_NET_PROHIBITED;
    public static final int ICMP_HOST_PROHIBITED = org.pkttables.api.RejectCodes.ICMP_HOST_PROHIBITED;
    public static final int ICMP_ADMIN_PROHIBITED = org.pkttables.api.RejectCodes.ICMP_ADMIN_PROHIBITED;

    public static final int ICMP6_NO_ROUTE = org.pkttables.api.RejectCodes.ICMP6_NO_ROUTE;
    public static final int ICMP6_ADM_PROHIBITED = org.pkttables.api.RejectCodes.ICMP6_ADM_PROHIBITED;
    public static final int ICMP6_ADDR_UNREACH = org.pkttables.api.RejectCodes.ICMP6_ADDR_UNREACH;
    public static final int ICMP6_PORT_UNREACH = org.pkttables.api.RejectCodes.ICMP6_PORT_UNREACH;
    public static final int ICMP6_POLICY_FAIL = org.pkttables.api.RejectCodes.ICMP6_POLICY_FAIL;
    public static final int ICMP6_REJECT_ROUTE = org.pkttables.api.RejectCodes.ICMP6_REJECT_ROUTE;

    private RejectCodes() {
    }

    /** {@link #KIND_ICMP}, {@link #KIND_ICMP6} or {@link #KIND_TCP_RESET}; 0 for no reject. */
    public static int kind(int code) {
        return org.pkttables.api.RejectCodes.kind(code);
    }

    /** The ICMP/ICMPv6 type to send (meaningless for a TCP reset). */
    public static int icmpType(int code) {
        return org.pkttables.api.RejectCodes.icmpType(code);
    }

    /** The ICMP/ICMPv6 code to send. */
    public static int icmpCode(int code) {
        return org.pkttables.api.RejectCodes.icmpCode(code);
    }
}
