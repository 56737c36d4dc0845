package org.pkttables.tables.impl;

import java.util.List;
import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookPriority;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.TableDescriptor;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.api.Verdict;

/**
 * Minimal stand-ins for the real l3.ipv4 handler and extensions (which live in other bundles), enough
 * to drive the core: raw IPv4 packets, {@code -p} and {@code -i}, a {@code dport} match, a MARK-like target.
 */
final class TestFamily {
    private TestFamily() {
    }

    static final Param<Integer> PROTO = Param.of("-p", ParamTypes.choice("protocol",
            Map.of("tcp", 6, "udp", 17, "icmp", 1), v -> v == 6 ? "tcp" : v == 17 ? "udp" : "icmp"))
            .alias("--protocol").invertible();
    static final Param<String> IN = Param.of("-i", ParamTypes.iface()).alias("--in-interface").invertible();

    static final class Ipv4 implements L3Handler {
        @Override
        public Family family() {
            return Family.IPV4;
        }

        /** The tables of the real ipv4 family (l3.common's IpHandler), in the same order. */
        @Override
        public List<TableDescriptor> tables() {
            return List.of(TableDescriptor.of("raw", HookPriority.RAW, true, Hook.PREROUTING, Hook.OUTPUT),
                    TableDescriptor.of("mangle", HookPriority.MANGLE, true, Hook.values()),
                    TableDescriptor.of("nat", HookPriority.NAT_DST, false, Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT,
                            Hook.POSTROUTING),
                    TableDescriptor.of("filter", HookPriority.FILTER, true, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT));
        }

        @Override
        public boolean parse(PacketContext p, int l3) {
            int vihl = p.u8(l3);
            if (vihl < 0 || (vihl >> 4) != 4) {
                p.setMalformed(true);
                return false;
            }
            p.setL3(l3, 0x0800);
            p.setL4(l3 + (vihl & 15) * 4, p.u8(l3 + 9));
            return true;
        }

        @Override
        public ExtensionDescriptor baseDescriptor() {
            return ExtensionDescriptor.base(Family.IPV4).params(IN, PROTO).build();
        }

        @Override
        public Match compileBase(Args a) {
            if (!a.has(PROTO) && !a.has(IN)) {
                return null;
            }
            int proto = a.has(PROTO) ? a.get(PROTO) : -1;
            boolean pinv = a.inverted(PROTO);
            String in = a.get(IN);
            boolean iinv = a.inverted(IN);
            return p -> (proto < 0 || (p.l4Proto() == proto) != pinv)
                    && (in == null || in.equals(p.inIface()) != iinv);
        }

        @Override
        public int protocolNumber(String name) {
            switch (name) {
                case "tcp": return 6;
                case "udp": return 17;
                case "icmp": return 1;
                default: return -1;
            }
        }
    }

    static final class Dport implements MatchType {
        static final Param<org.pkttables.api.ext.PortRange> DPORT = Param.of("--dport", ParamTypes.portRange())
                .alias("--destination-port").invertible().help("destination port(s)");

        @Override
        public ExtensionDescriptor descriptor() {
            return ExtensionDescriptor.match("udp").families(Family.IPV4).protocolCheckedByTool("udp").params(DPORT)
                    .help("UDP ports").build();
        }

        @Override
        public Match compile(Args a) {
            org.pkttables.api.ext.PortRange r = a.get(DPORT);
            boolean inv = a.inverted(DPORT);
            if (r == null) {
                return p -> true;
            }
            return p -> {
                int port = p.u16(p.l4Offset() + 2);
                return port >= 0 && r.contains(port) != inv;
            };
        }
    }

    /**
     * {@code -m tiny}: behaves as a kernel match that cannot read the header it needs for packets to port
     * 0 (hotdrop); matches nothing else.
     */
    static final class Tiny implements MatchType {
        @Override
        public ExtensionDescriptor descriptor() {
            return ExtensionDescriptor.match("tiny").families(Family.IPV4).help("hotdrops port 0").build();
        }

        @Override
        public Match compile(Args a) {
            return p -> {
                if (p.u16(p.l4Offset() + 2) == 0) {
                    p.hotdrop();
                }
                return false;
            };
        }
    }

    static final class Comment implements MatchType {
        static final Param<String> TEXT = Param.of("--comment", ParamTypes.string(255)).mandatory();

        @Override
        public ExtensionDescriptor descriptor() {
            return ExtensionDescriptor.match("comment").families(Family.values()).params(TEXT).build();
        }

        @Override
        public Match compile(Args a) {
            return p -> true;
        }
    }

    static final class Mark implements TargetType {
        static final Param<Long> SET = Param.of("--set-mark", ParamTypes.uint(0, 0xffffffffL)).mandatory();

        @Override
        public ExtensionDescriptor descriptor() {
            return ExtensionDescriptor.target("MARK").families(Family.IPV4).params(SET).build();
        }

        @Override
        public Target compile(Args a) {
            int m = (int) (long) a.get(SET);
            return p -> {
                p.setMark(m);
                return Verdict.CONTINUE;
            };
        }
    }

    /** An IPv4 UDP packet (no L2 header) to {@code dport}. */
    static byte[] udp(int dport) {
        byte[] b = new byte[28];
        b[0] = 0x45;
        b[3] = 28;
        b[8] = 64;
        b[9] = 17;
        b[12] = 10;
        b[15] = 1;
        b[16] = 10;
        b[19] = 2;
        b[20] = 0x30;
        b[21] = 0x39;
        b[22] = (byte) (dport >> 8);
        b[23] = (byte) dport;
        b[25] = 8;
        return b;
    }
}
