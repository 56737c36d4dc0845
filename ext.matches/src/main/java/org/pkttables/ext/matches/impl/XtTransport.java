package org.pkttables.ext.matches.impl;

import org.pkttables.api.PacketContext;

/**
 * The checks an xt match (run by nf_tables through nft_compat) makes before it reads a transport header,
 * as the kernel's xt_tcpudp, xt_multiport, xt_sctp, xt_esp, ipt_ah and icmp matches do: a later fragment
 * never matches; a header of which fewer than {@code need} bytes are in the packet cannot be examined,
 * so the match asks for a hotdrop (the packet is dropped at once, the rule not counted).
 */
final class XtTransport {
    private static final int ETHERTYPE_IPV4 = 0x0800;

    private XtTransport() {
    }

    /**
     * The transport header's offset when {@code need} bytes of it can be read from a first (or only)
     * fragment; -1 otherwise, after {@link PacketContext#hotdrop} when the header is cut short.
     */
    static int header(PacketContext p, int need) {
        int l4 = p.l4Offset();
        if (l4 < 0 || p.fragOffset() != 0) {
            return -1;
        }
        if (!p.has(l4, need)) {
            p.hotdrop();
            return -1;
        }
        return l4;
    }

    /** {@link #header(PacketContext, int)} of a packet whose transport protocol is {@code proto}; -1 for another. */
    static int header(PacketContext p, int proto, int need) {
        return p.l4Proto() == proto ? header(p, need) : -1;
    }

    /**
     * xt_tcp's defence against overlapping fragments: a TCP fragment at offset 8 bytes (fragment offset
     * field 1) could rewrite the flags of the first one, so the kernel drops it ("Dropping evil TCP
     * offset=1 frag"). IPv4 only: ip6tables gives the offset in bytes, which is never 1.
     */
    static boolean evilTcpFragment(PacketContext p) {
        return p.fragOffset() == 8 && p.etherType() == ETHERTYPE_IPV4;
    }
}
