package org.pkttables.l2.bridge.impl;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;

/**
 * ebtables' pkttype match. The kernel's packet type comes from the destination MAC and the receiving
 * device; pkttables derives it the same way without a device address: broadcast and multicast from the
 * address, {@code outgoing} at OUTPUT/POSTROUTING, {@code host} at INPUT, else {@code otherhost}.
 * {@code loopback} never occurs on a bridge.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=pkttype")
public final class EbtPkttypeMatchType implements MatchType {
    static final String[] CLASSES = { "host", "broadcast", "multicast", "otherhost", "outgoing", "loopback" };

    static final Param<Integer> TYPE = Param.of("--pkttype-type", type()).invertible()
            .help("host, broadcast, multicast, otherhost, outgoing, loopback (or 0-255)");

    private static final ExtensionDescriptor D = ExtensionDescriptor.match("pkttype").families(Family.BRIDGE)
            .params(TYPE).help("pkttype: the frame's packet type").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<Integer> type() {
        return new ParamType<>("class", 1) {
            @Override
            public Integer parse(List<String> words) {
                String w = words.get(0);
                for (int i = 0; i < CLASSES.length; i++) {
                    if (CLASSES[i].equalsIgnoreCase(w)) {
                        return i;
                    }
                }
                try {
                    int v = Integer.parseInt(w);
                    if (v >= 0 && v <= 255) {
                        return v;
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Could not parse class '" + w + "'", e);
                }
                throw new IllegalArgumentException("Could not parse class '" + w + "'");
            }

            @Override
            public List<String> format(Integer v) {
                return List.of(v < CLASSES.length ? CLASSES[v] : Integer.toString(v));
            }

            @Override
            public List<String> validValues() {
                return List.of(CLASSES);
            }
        };
    }

    /** The frame's packet type (PACKET_HOST … as above). Hot path. */
    static int packetType(PacketContext p) {
        long dst = p.u48(p.l2Offset());
        if (dst == MacMask.ALL) {
            return 1;
        }
        if (dst >= 0 && (dst & 0x0100_0000_0000L) != 0) {
            return 2;
        }
        Hook h = p.hook();
        if (h == Hook.OUTPUT || h == Hook.POSTROUTING) {
            return 4;
        }
        return h == Hook.INPUT ? 0 : 3;
    }

    @Override
    public Match compile(Args a) {
        if (!a.has(TYPE)) {
            throw new IllegalArgumentException("--pkttype-type must be specified");
        }
        int type = a.get(TYPE);
        boolean inv = a.inverted(TYPE);
        return p -> (packetType(p) == type) != inv;
    }
}
