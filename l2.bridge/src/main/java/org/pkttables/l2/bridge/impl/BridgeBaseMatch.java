package org.pkttables.l2.bridge.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Match;
import org.pkttables.l3.common.IfaceMatch;

/**
 * ebtables' base options on one frame. {@code --logical-in}/{@code --logical-out} name the bridge device;
 * pkttables' bridge has no device name, so they compare with the empty name (only {@code +} and its
 * negation are meaningful).
 */
final class BridgeBaseMatch implements Match {
    private final boolean hasProto;
    private final int proto;
    private final boolean protoInv;
    private final MacMask src;
    private final boolean srcInv;
    private final MacMask dst;
    private final boolean dstInv;
    private final IfaceMatch in;
    private final boolean inInv;
    private final IfaceMatch out;
    private final boolean outInv;
    private final IfaceMatch logicalIn;
    private final boolean logicalInInv;
    private final IfaceMatch logicalOut;
    private final boolean logicalOutInv;

    BridgeBaseMatch(Args a) {
        hasProto = a.has(BridgeHandler.PROTO);
        proto = hasProto ? a.get(BridgeHandler.PROTO) : 0;
        protoInv = a.inverted(BridgeHandler.PROTO);
        src = a.get(BridgeHandler.SOURCE);
        srcInv = a.inverted(BridgeHandler.SOURCE);
        dst = a.get(BridgeHandler.DEST);
        dstInv = a.inverted(BridgeHandler.DEST);
        in = iface(a.get(BridgeHandler.IN));
        inInv = a.inverted(BridgeHandler.IN);
        out = iface(a.get(BridgeHandler.OUT));
        outInv = a.inverted(BridgeHandler.OUT);
        logicalIn = iface(a.get(BridgeHandler.LOGICAL_IN));
        logicalInInv = a.inverted(BridgeHandler.LOGICAL_IN);
        logicalOut = iface(a.get(BridgeHandler.LOGICAL_OUT));
        logicalOutInv = a.inverted(BridgeHandler.LOGICAL_OUT);
    }

    private static IfaceMatch iface(String pattern) {
        return pattern == null ? null : IfaceMatch.of(pattern);
    }

    @Override
    public boolean matches(PacketContext p) {
        int l2 = p.l2Offset();
        if (hasProto) {
            int type = p.u16(l2 + 12);
            boolean is = proto == EtherTypes.LENGTH ? type >= 0 && type < 0x0600 : type == proto;
            if (is == protoInv) {
                return false;
            }
        }
        if (src != null && src.matches(p, l2 + 6) == srcInv) {
            return false;
        }
        if (dst != null && dst.matches(p, l2) == dstInv) {
            return false;
        }
        if (in != null && in.matches(p.inIface()) == inInv) {
            return false;
        }
        if (out != null && out.matches(p.outIface()) == outInv) {
            return false;
        }
        if (logicalIn != null && logicalIn.matches("") == logicalInInv) {
            return false;
        }
        return logicalOut == null || logicalOut.matches("") != logicalOutInv;
    }
}
