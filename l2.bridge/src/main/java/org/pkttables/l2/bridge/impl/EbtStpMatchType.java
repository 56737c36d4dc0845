package org.pkttables.l2.bridge.impl;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;

/**
 * ebtables' stp match on spanning-tree BPDUs (LLC 0x42 0x42 0x03 after the Ethernet header): the BPDU
 * type and flags, and the fields of configuration BPDUs (which only configuration BPDUs can match).
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=stp")
public final class EbtStpMatchType implements MatchType {
    static final Param<Integer> TYPE = Param.of("--stp-type", named(Map.of("config", 0, "tcn", 0x80), "type"))
            .invertible().help("BPDU type: config, tcn or a number");
    static final Param<Integer> FLAGS = Param.of("--stp-flags", named(Map.of("topology-change", 1,
            "topology-change-ack", 0x80), "flag")).invertible().help("flag: topology-change, topology-change-ack or a number");
    static final Param<IntRange> ROOT_PRIO = range("--stp-root-prio", 0xffff, "root priority");
    static final Param<MacMask> ROOT_ADDR = Param.of("--stp-root-addr", MacMask.type(false)).invertible()
            .help("root bridge MAC[/mask]");
    static final Param<IntRange> ROOT_COST = range("--stp-root-cost", 0xffffffffL, "root path cost");
    static final Param<IntRange> SENDER_PRIO = range("--stp-sender-prio", 0xffff, "sender priority");
    static final Param<MacMask> SENDER_ADDR = Param.of("--stp-sender-addr", MacMask.type(false)).invertible()
            .help("sender bridge MAC[/mask]");
    static final Param<IntRange> PORT = range("--stp-port", 0xffff, "port id");
    static final Param<IntRange> MSG_AGE = range("--stp-msg-age", 0xffff, "message age");
    static final Param<IntRange> MAX_AGE = range("--stp-max-age", 0xffff, "max age");
    static final Param<IntRange> HELLO = range("--stp-hello-time", 0xffff, "hello time");
    static final Param<IntRange> FWD_DELAY = range("--stp-forward-delay", 0xffff, "forward delay");

    private static final ExtensionDescriptor D = ExtensionDescriptor.match("stp").families(Family.BRIDGE)
            .params(TYPE, FLAGS, ROOT_PRIO, ROOT_ADDR, ROOT_COST, SENDER_PRIO, SENDER_ADDR, PORT, MSG_AGE, MAX_AGE,
                    HELLO, FWD_DELAY)
            .help("stp: spanning-tree BPDU fields").build();

    private static Param<IntRange> range(String opt, long max, String what) {
        return Param.of(opt, IntRange.type(max, what)).invertible().help(what + " [range]");
    }

    private static ParamType<Integer> named(Map<String, Integer> names, String what) {
        return new ParamType<>(what, 1) {
            @Override
            public Integer parse(List<String> words) {
                String w = words.get(0);
                Integer v = names.get(w.toLowerCase(java.util.Locale.ROOT));
                if (v != null) {
                    return v;
                }
                return (int) EbtArpMatchType.number(w, 0xff, "BPDU " + what);
            }

            @Override
            public List<String> format(Integer v) {
                for (Map.Entry<String, Integer> e : names.entrySet()) {
                    if (e.getValue().equals(v)) {
                        return List.of(e.getKey());
                    }
                }
                return List.of(Integer.toString(v));
            }
        };
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    @Override
    public Match compile(Args a) {
        EbtMatchArgs.atLeastOne(a, "stp");
        return new StpMatch(a);
    }

    static final class StpMatch implements Match {
        private final Args a;
        private final int type;
        private final int flags;
        private final boolean config;
        private final IntRange[] ranges;
        private final boolean[] rangeInv;
        private final int[] rangeOffsets;
        private final int[] rangeSizes;
        private final MacMask rootAddr;
        private final MacMask senderAddr;

        StpMatch(Args a) {
            this.a = a;
            type = a.has(TYPE) ? a.get(TYPE) : -1;
            flags = a.has(FLAGS) ? a.get(FLAGS) : -1;
            // Offsets inside the BPDU (after protocol id, version): see IEEE 802.1D 9.3.1.
            List<Param<IntRange>> rp = List.of(ROOT_PRIO, ROOT_COST, SENDER_PRIO, PORT, MSG_AGE, MAX_AGE, HELLO,
                    FWD_DELAY);
            int[] offs = { 5, 13, 17, 25, 27, 29, 31, 33 };
            int[] sizes = { 2, 4, 2, 2, 2, 2, 2, 2 };
            int n = 0;
            for (Param<IntRange> p : rp) {
                n += a.has(p) ? 1 : 0;
            }
            ranges = new IntRange[n];
            rangeInv = new boolean[n];
            rangeOffsets = new int[n];
            rangeSizes = new int[n];
            int k = 0;
            for (int i = 0; i < rp.size(); i++) {
                if (a.has(rp.get(i))) {
                    ranges[k] = a.get(rp.get(i));
                    rangeInv[k] = a.inverted(rp.get(i));
                    rangeOffsets[k] = offs[i];
                    rangeSizes[k] = sizes[i];
                    k++;
                }
            }
            rootAddr = a.get(ROOT_ADDR);
            senderAddr = a.get(SENDER_ADDR);
            config = n > 0 || rootAddr != null || senderAddr != null || flags >= 0;
        }

        @Override
        public boolean matches(PacketContext p) {
            int llc = p.l2Offset() + BridgeHandler.ETH_HLEN;
            if (!p.has(llc, 7) || p.u8(llc) != 0x42 || p.u8(llc + 1) != 0x42 || p.u8(llc + 2) != 0x03) {
                return false;
            }
            int bpdu = llc + 3;
            int t = p.u8(bpdu + 3);
            if (type >= 0 && (t == type) == a.inverted(TYPE)) {
                return false;
            }
            if (!config) {
                return true;
            }
            // Configuration fields: only configuration BPDUs (type 0) of full length have them.
            if (t != 0 || !p.has(bpdu, 35)) {
                return false;
            }
            if (flags >= 0 && ((p.u8(bpdu + 4) & flags) != 0) == a.inverted(FLAGS)) {
                return false;
            }
            for (int i = 0; i < ranges.length; i++) {
                int off = bpdu + rangeOffsets[i];
                long v = rangeSizes[i] == 4 ? p.u32(off) : p.u16(off);
                if (ranges[i].contains(v) == rangeInv[i]) {
                    return false;
                }
            }
            if (rootAddr != null && rootAddr.matches(p, bpdu + 7) == a.inverted(ROOT_ADDR)) {
                return false;
            }
            return senderAddr == null || senderAddr.matches(p, bpdu + 19) != a.inverted(SENDER_ADDR);
        }
    }
}
