package org.pkttables.nat;

import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.InetText;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.Target;

/**
 * The {@code NETMAP} target (libipt_NETMAP): maps a whole network onto another one, host part kept;
 * destination at PREROUTING/OUTPUT, source at INPUT/POSTROUTING.
 */
final class NetmapTargetType extends NatTargetType {
    /** {@code ADDR[/PREFIX|/MASK]}, listed as the network and its prefix length. */
    static final ParamType<NatRange> NETWORK = new ParamType<>("address[/mask]", 1) {
        @Override
        public NatRange parse(List<String> words) {
            String s = words.get(0);
            int slash = s.indexOf('/');
            String addr = slash < 0 ? s : s.substring(0, slash);
            if (addr.contains(":")) {
                return parse6(addr, slash < 0 ? null : s.substring(slash + 1));
            }
            long a = InetText.parseIptablesIpv4(addr);
            if (a < 0 || addr.isEmpty()) {
                throw new IllegalArgumentException("Bad IP address \"" + addr + "\"");
            }
            int len = 32;
            if (slash >= 0) {
                String m = s.substring(slash + 1);
                if (m.contains(".")) {
                    long mask = InetText.parseIptablesIpv4(m);
                    len = mask < 0 ? -1 : InetText.ipv4PrefixLength(mask);
                } else if (!m.isEmpty() && m.chars().allMatch(Character::isDigit) && m.length() <= 3) {
                    // iptables 1.8.9 takes a prefix over 32 as 32 (NETMAP --to 1.2.3.4/33 lists /32).
                    len = Math.min(32, Integer.parseInt(m));
                } else {
                    len = -1;
                }
                if (len < 0) {
                    throw new IllegalArgumentException("Bad netmask \"" + m + "\"");
                }
            }
            long mask = InetText.ipv4Mask(len);
            return new NatRange(true, a & mask, (a & mask) | (~mask & 0xffffffffL), false, 0, 0, 0);
        }

        @Override
        public List<String> format(NatRange v) {
            if (v.v6()) {
                return List.of(InetText.formatIpv6(v.minHi(), v.minAddr()) + "/"
                        + InetText.ipv6PrefixLength(~(v.maxHi() ^ v.minHi()), ~(v.maxAddr() ^ v.minAddr())));
            }
            long mask = ~(v.maxAddr() ^ v.minAddr()) & 0xffffffffL;
            return List.of(InetText.formatIpv4(v.minAddr()) + "/" + InetText.ipv4PrefixLength(mask));
        }
    };

    /** libip6t_NETMAP's {@code ADDR[/PREFIX|/MASK]}: the network as the range of its addresses. */
    static NatRange parse6(String addr, String m) {
        long[] a = InetText.parseIpv6(addr);
        if (a == null) {
            throw new IllegalArgumentException("host/network `" + addr + "' not found");
        }
        int len = 128;
        if (m != null) {
            long[] mask = m.contains(":") ? InetText.parseIpv6(m) : null;
            if (mask != null) {
                len = InetText.ipv6PrefixLength(mask[0], mask[1]);
            } else if (!m.isEmpty() && m.chars().allMatch(Character::isDigit) && m.length() <= 3) {
                len = Integer.parseInt(m) <= 128 ? Integer.parseInt(m) : -1;
            } else {
                len = -1;
            }
            if (len < 0) {
                throw ParameterProblem.of(
                        "NETMAP: bad value for option \"--to\", neither a valid network mask nor valid CIDR (0-128).\n");
            }
        }
        long mh = InetText.ipv6MaskHi(len);
        long ml = InetText.ipv6MaskLo(len);
        return new NatRange(true, a[1] & ml, (a[1] & ml) | ~ml, false, 0, 0, 0, true, a[0] & mh, (a[0] & mh) | ~mh);
    }

    static final Param<NatRange> TO = Param.of("--to", NETWORK).mandatory().listed("to:{v}").help("network address to map to");

    private static ExtensionDescriptor descriptor(Family f) {
        return ExtensionDescriptor.target("NETMAP").families(f).tables("nat")
                .hooks(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING).listing("").params(TO).terminal()
                .help("NETMAP: map a network onto another, host part kept" + serves(f)).build();
    }

    NetmapTargetType(NatCore core, NatFamily family) {
        super(core, family, descriptor(family.family()));
    }

    @Override
    Target compileTarget(Args a) {
        NatRange r = a.get(TO);
        boolean v6 = family.family() == Family.IPV6;
        if (r.v6() != v6) {
            throw new IllegalArgumentException("getaddrinfo: Address family for hostname not supported");
        }
        if (v6) {
            return family.target(core, NatTarget.Kind.NETMAP, NatCore.DST, r, 0, ~(r.maxHi() ^ r.minHi()),
                    ~(r.maxAddr() ^ r.minAddr()));
        }
        long mask = ~(r.maxAddr() ^ r.minAddr()) & 0xffffffffL;
        return family.target(core, NatTarget.Kind.NETMAP, NatCore.DST, r, 0, 0, mask);
    }
}
