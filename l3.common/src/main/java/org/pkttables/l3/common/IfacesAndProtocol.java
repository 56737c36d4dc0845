package org.pkttables.l3.common;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Param;

/**
 * The compiled {@code -i}, {@code -o} and {@code -p} of an iptables or ip6tables rule's base options: the
 * interface and protocol tests of the kernel's ip_packet_match and ip6_packet_match, which the two families
 * share (their address tests differ only in the address width). Immutable.
 */
public final class IfacesAndProtocol {
    private final IfaceMatch in;
    private final boolean invIn;
    private final IfaceMatch out;
    private final boolean invOut;
    private final int proto;
    private final boolean invProto;

    /** The {@code -i}, {@code -o} and {@code -p} of canonical base options {@code c}. */
    public IfacesAndProtocol(Args c, Param<String> inIface, Param<String> outIface, Param<Integer> protocol) {
        in = c.has(inIface) ? IfaceMatch.of(c.get(inIface)) : null;
        invIn = c.inverted(inIface);
        out = c.has(outIface) ? IfaceMatch.of(c.get(outIface)) : null;
        invOut = c.inverted(outIface);
        proto = c.has(protocol) ? c.get(protocol) : -1;
        invProto = c.inverted(protocol);
    }

    /** Hot path: no allocation. */
    public boolean matches(PacketContext p) {
        if (in != null && in.matches(p.inIface()) == invIn) {
            return false;
        }
        if (out != null && out.matches(p.outIface()) == invOut) {
            return false;
        }
        return proto <= 0 || (p.l4Proto() == proto) != invProto;
    }

    /** The protocol a classifier may index on (a plain, non-inverted {@code -p}), or -1. */
    public int indexableProtocol() {
        return proto > 0 && proto <= 255 && !invProto ? proto : -1;
    }

    /** {@code  -i IN -o OUT -p N} for what is set (a debug form, as the base matches' toString). */
    @Override
    public String toString() {
        return (in != null ? " -i " + in : "") + (out != null ? " -o " + out : "") + (proto > 0 ? " -p " + proto : "");
    }
}
