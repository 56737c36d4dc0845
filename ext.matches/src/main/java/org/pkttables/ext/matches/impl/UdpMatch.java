package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.FieldConstraint;
import org.pkttables.api.ext.IndexField;
import org.pkttables.api.ext.IndexableMatch;

/**
 * A compiled udp match, with the oracle's (iptables-nft 1.8.9) semantics: ports become nf_tables payload
 * loads ({@link PortRanges#admitsLoaded}: each side reads only its own two bytes, later IPv4 fragments are
 * read like first ones); {@code -p udp -m udp} with nothing restricted stays the kernel's xt_udp (later
 * fragments never match, a header shorter than 8 bytes is hotdropped).
 */
final class UdpMatch implements IndexableMatch {
    private static final int IPPROTO_UDP = 17;
    private static final int HEADER = 8;

    private final PortRanges ports;
    private final boolean xt;

    UdpMatch(int sLo, int sHi, boolean sInv, int dLo, int dHi, boolean dInv) {
        this.ports = new PortRanges(sLo, sHi, sInv, dLo, dHi, dInv);
        this.xt = ports.allDefault();
    }

    @Override
    public List<FieldConstraint> constraints() {
        return xt ? List.of(FieldConstraint.exact(IndexField.L4_PROTO, IPPROTO_UDP)) : ports.constraints(IPPROTO_UDP);
    }

    @Override
    public boolean mayHotdrop() {
        return xt;
    }

    @Override
    public boolean matches(PacketContext p) {
        if (p.l4Proto() != IPPROTO_UDP) {
            return false;
        }
        if (xt) {
            return XtTransport.header(p, HEADER) >= 0;
        }
        int uh = NftTransport.offset(p);
        return uh >= 0 && ports.admitsLoaded(p, uh);
    }
}
