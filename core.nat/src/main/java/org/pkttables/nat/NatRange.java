package org.pkttables.nat;

import org.pkttables.api.ext.InetText;

/**
 * The range a NAT target maps into, as the kernel's {@code nf_nat_range2}: addresses
 * {@code minAddr..maxAddr} when {@code mapIps} (IPv4: the address; IPv6 ({@code v6}): the low 64 bits, with
 * {@code minHi}/{@code maxHi} the high 64 bits), ports (TCP/UDP/SCTP/DCCP, or the ICMP/ICMPv6 echo id)
 * {@code minPort..maxPort} when {@code protoSpecified}, and {@code basePort} (0 = none) for DNAT's port
 * shift {@code PORT-PORT/BASE} (NF_NAT_RANGE_PROTO_OFFSET). Immutable.
 */
public record NatRange(boolean mapIps, long minAddr, long maxAddr, boolean protoSpecified, int minPort, int maxPort,
        int basePort, boolean v6, long minHi, long maxHi) {

    /** An IPv4 (or address-less) range. */
    public NatRange(boolean mapIps, long minAddr, long maxAddr, boolean protoSpecified, int minPort, int maxPort,
            int basePort) {
        this(mapIps, minAddr, maxAddr, protoSpecified, minPort, maxPort, basePort, false, 0, 0);
    }

    /** A range of addresses only ({@code NETMAP}'s computed address, a null binding). */
    public static NatRange addresses(long min, long max) {
        return new NatRange(true, min, max, false, 0, 0, 0);
    }

    /** A range of ports only ({@code MASQUERADE --to-ports}, {@code REDIRECT --to-ports}). */
    public static NatRange ports(int min, int max) {
        return new NatRange(false, 0, 0, true, min, max, 0);
    }

    /** The same ports with these addresses (MASQUERADE and REDIRECT learn theirs per connection). */
    NatRange withAddress(long a) {
        return new NatRange(true, a, a, protoSpecified, minPort, maxPort, basePort);
    }

    /**
     * iptables' text of {@code --to-source}/{@code --to-destination}: {@code [ADDR[-ADDR]][:PORT[-PORT][/BASE]]},
     * for IPv6 {@code ADDR[-ADDR]} or {@code [ADDR[-ADDR]]:PORT[-PORT][/BASE]} as ip6tables lists it.
     */
    public String text() {
        StringBuilder sb = new StringBuilder();
        if (mapIps) {
            String a = v6 ? InetText.formatIpv6(minHi, minAddr) : InetText.formatIpv4(minAddr);
            if (v6 && (minHi != maxHi || minAddr != maxAddr)) {
                a += "-" + InetText.formatIpv6(maxHi, maxAddr);
            } else if (!v6 && maxAddr != minAddr) {
                a += "-" + InetText.formatIpv4(maxAddr);
            }
            sb.append(v6 && protoSpecified ? "[" + a + "]" : a);
        }
        if (protoSpecified) {
            sb.append(':').append(portText());
        }
        return sb.toString();
    }

    /** {@code PORT[-PORT][/BASE]}. */
    public String portText() {
        StringBuilder sb = new StringBuilder().append(minPort);
        if (maxPort != minPort) {
            sb.append('-').append(maxPort);
        }
        if (basePort != 0) {
            sb.append('/').append(basePort);
        }
        return sb.toString();
    }
}
