package org.pkttables.l2.bridge.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/**
 * ebtables' 802_3 match on 802.3 (length-field) frames: the LLC SAP (DSAP and SSAP both) and, for SNAP
 * frames (DSAP 0xaa), the SNAP type.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=802_3")
public final class Ebt8023MatchType implements MatchType {
    private static final int SNAP = 0xaa;

    static final Param<Integer> SAP = Param.of("--802_3-sap", HexByte.type(0xff, "802.3 SAP", "0x%02x"))
            .invertible().help("LLC SAP (hexadecimal), compared with DSAP and SSAP");
    static final Param<Integer> TYPE = Param.of("--802_3-type", HexByte.type(0xffff, "802.3 type", "0x%04x"))
            .invertible().help("SNAP type (hexadecimal); only SNAP frames (DSAP 0xaa) have one");

    private static final ExtensionDescriptor D = ExtensionDescriptor.match("802_3").families(Family.BRIDGE)
            .protocolCheckedByTool("Length").params(SAP, TYPE).help("802_3: LLC/SNAP header of 802.3 frames (-p Length)")
            .build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    @Override
    public Match compile(Args a) {
        EbtMatchArgs.atLeastOne(a, "802_3");
        int sap = a.has(SAP) ? a.get(SAP) : -1;
        boolean sapInv = a.inverted(SAP);
        int type = a.has(TYPE) ? a.get(TYPE) : -1;
        boolean typeInv = a.inverted(TYPE);
        return p -> {
            int llc = p.l2Offset() + BridgeHandler.ETH_HLEN;
            if (!p.has(llc, 3)) {
                return false;
            }
            int dsap = p.u8(llc);
            if (sap >= 0 && (dsap == sap && p.u8(llc + 1) == sap) == sapInv) {
                return false;
            }
            if (type >= 0) {
                // The kernel: a frame that is not SNAP does not match --802_3-type, inverted or not.
                if (dsap != SNAP || !p.has(llc, 8)) {
                    return false;
                }
                return (p.u16(llc + 6) == type) != typeInv;
            }
            return true;
        };
    }
}
