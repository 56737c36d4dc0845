package org.pkttables.l3.arp.impl;

import org.pkttables.api.ext.KernelRefusal;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.l3.common.Ipv4Prefix;

/**
 * arptables' mangle target (arpt_mangle): rewrites the sender/target IP and hardware addresses in the
 * ARP header in place, then gives {@code --mangle-target} (ACCEPT, not listed; DROP; CONTINUE). Addresses
 * are only rewritten where the header says they are IPv4 (length 4) and Ethernet (length 6) sized.
 * An IP given with a mask is stored masked and listed without it, as arptables does.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=mangle")
public final class ArpMangleTargetType implements TargetType {
    static final Param<Integer> IP_S = Param.of("--mangle-ip-s", ip()).help("new sender IP address");
    static final Param<Long> MAC_S = Param.of("--mangle-mac-s", ParamTypes.mac()).help("new sender MAC");
    static final Param<Integer> IP_D = Param.of("--mangle-ip-d", ip()).help("new target IP address");
    static final Param<Long> MAC_D = Param.of("--mangle-mac-d", ParamTypes.mac()).help("new target MAC");
    static final Param<Integer> TARGET = Param.of("--mangle-target", verdict())
            .help("verdict afterwards: ACCEPT (default), DROP, CONTINUE");

    private static final ExtensionDescriptor D = ExtensionDescriptor.target("mangle").families(Family.ARP)
            .params(IP_S, MAC_S, IP_D, MAC_D, TARGET).help("mangle: rewrite ARP header addresses").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<Integer> ip() {
        return ParamTypes.word("address", w -> {
            Ipv4Prefix p = Ipv4Prefix.parse(w);
            return p.address() & p.mask();
        }, v -> Ipv4Prefix.dotted(v));
    }

    private static ParamType<Integer> verdict() {
        ParamType<Integer> names = ParamTypes.choice("target", Map.of("ACCEPT", Verdict.ACCEPT, "DROP", Verdict.DROP,
                "CONTINUE", Verdict.CONTINUE), Verdict::name);
        return new ParamType<>("target", 1) {
            @Override
            public Integer parse(List<String> words) {
                try {
                    return names.parse(words);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad target for --mangle-target: " + words.get(0)
                            + " (ACCEPT, DROP or CONTINUE)", e);
                }
            }

            @Override
            public List<String> format(Integer v) {
                return List.of(Verdict.name(v));
            }
        };
    }

    /** ACCEPT is the default and not listed. */
    @Override
    public Args canonicalize(Args a) {
        return a.has(TARGET) && a.get(TARGET) == Verdict.ACCEPT ? a.toBuilder().remove(TARGET).build() : a;
    }

    @Override
    public Target compile(Args a) {
        if (!a.has(IP_S) && !a.has(MAC_S) && !a.has(IP_D) && !a.has(MAC_D)) {
            throw new KernelRefusal("give at least one of --mangle-ip-s, --mangle-mac-s, --mangle-ip-d, "
                    + "--mangle-mac-d");
        }
        return new Mangle(a);
    }

    static final class Mangle implements Target {
        private final boolean ipS;
        private final int ipSrc;
        private final boolean macS;
        private final long macSrc;
        private final boolean ipD;
        private final int ipDst;
        private final boolean macD;
        private final long macDst;
        private final int verdict;

        Mangle(Args a) {
            ipS = a.has(IP_S);
            ipSrc = a.getOr(IP_S, 0);
            macS = a.has(MAC_S);
            macSrc = a.getOr(MAC_S, 0L);
            ipD = a.has(IP_D);
            ipDst = a.getOr(IP_D, 0);
            macD = a.has(MAC_D);
            macDst = a.getOr(MAC_D, 0L);
            verdict = a.getOr(TARGET, Verdict.ACCEPT);
        }

        @Override
        public int apply(PacketContext p) {
            int arp = p.l3Offset();
            int hlen = p.u8(arp + 4);
            int plen = p.u8(arp + 5);
            if (hlen < 0 || plen < 0 || !p.has(arp, 8 + 2 * hlen + 2 * plen)) {
                return verdict;
            }
            int sha = arp + 8;
            int spa = sha + hlen;
            int tha = spa + plen;
            int tpa = tha + hlen;
            if (macS && hlen == 6) {
                putMac(p, sha, macSrc);
            }
            if (ipS && plen == 4) {
                putIp(p, spa, ipSrc);
            }
            if (macD && hlen == 6) {
                putMac(p, tha, macDst);
            }
            if (ipD && plen == 4) {
                putIp(p, tpa, ipDst);
            }
            return verdict;
        }

        private static void putMac(PacketContext p, int at, long mac) {
            p.put16(at, (int) (mac >>> 32) & 0xffff);
            p.put16(at + 2, (int) (mac >>> 16) & 0xffff);
            p.put16(at + 4, (int) mac & 0xffff);
        }

        private static void putIp(PacketContext p, int at, int ip) {
            p.put16(at, ip >>> 16);
            p.put16(at + 2, ip & 0xffff);
        }
    }
}
