package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * Where nf_tables' payload expressions read "the transport header" ({@code nft_thoff}), for the parts of
 * tcp and udp rules that iptables-nft 1.8.9 translates to payload loads instead of xt matches (ports and
 * TCP flags). Unlike xt_tcpudp, a payload load does not look at the fragment offset and needs only its
 * own bytes: a later IPv4 fragment is read at the IPv4 header's end (its payload taken as the header),
 * and a header cut short matches when the bytes a load reads are there and does not match otherwise
 * (NFT_BREAK: no drop). Measured on this kernel with crafted frames through an iptables-nft router.
 *
 * <p>Known difference: on a later IPv6 fragment nf_tables reads at offset 0 of the network header
 * (ipv6_find_hdr returns without an offset there), so the kernel takes the first bytes of the IPv6 header
 * for the ports; pkttables reads no transport header there (no match), as ip6tables-legacy does. Reading
 * the IPv6 header would also break the classifier's port index, which reads at the transport offset.
 */
final class NftTransport {
    private static final int ETHERTYPE_IPV6 = 0x86dd;

    private NftTransport() {
    }

    /** Absolute offset nft's transport payload loads start from; -1 when there is none to read. */
    static int offset(PacketContext p) {
        if (p.fragOffset() != 0 && p.etherType() == ETHERTYPE_IPV6) {
            return -1;
        }
        return p.l4Offset();
    }
}
