package org.pkttables.l2.bridge.impl;

import java.util.List;
import java.util.Locale;

import org.pkttables.api.ext.ParamType;

/**
 * An ICMP/ICMPv6/IGMP type and code range as ebtables' ip and ip6 matches read
 * ({@code name}, {@code type[:type][/code[:code]]}) and print it: the name when one names exactly
 * this type and code range, else {@code type[:type]/code[:code]}.
 */
record IcmpSpec(int typeLo, int typeHi, int codeLo, int codeHi) {
    /** name type codeLo codeHi, ICMP for IPv4 (libebt_ip's table). */
    static final String[] ICMP = ("echo-reply 0 0 255;pong 0 0 255;destination-unreachable 3 0 255;"
            + "network-unreachable 3 0 0;host-unreachable 3 1 1;protocol-unreachable 3 2 2;port-unreachable 3 3 3;"
            + "fragmentation-needed 3 4 4;source-route-failed 3 5 5;network-unknown 3 6 6;host-unknown 3 7 7;"
            + "network-prohibited 3 9 9;host-prohibited 3 10 10;TOS-network-unreachable 3 11 11;"
            + "TOS-host-unreachable 3 12 12;communication-prohibited 3 13 13;host-precedence-violation 3 14 14;"
            + "precedence-cutoff 3 15 15;source-quench 4 0 255;redirect 5 0 255;network-redirect 5 0 0;"
            + "host-redirect 5 1 1;TOS-network-redirect 5 2 2;TOS-host-redirect 5 3 3;echo-request 8 0 255;"
            + "ping 8 0 255;router-advertisement 9 0 255;router-solicitation 10 0 255;time-exceeded 11 0 255;"
            + "ttl-exceeded 11 0 255;ttl-zero-during-transit 11 0 0;ttl-zero-during-reassembly 11 1 1;"
            + "parameter-problem 12 0 255;ip-header-bad 12 0 0;required-option-missing 12 1 1;"
            + "timestamp-request 13 0 255;timestamp-reply 14 0 255;address-mask-request 17 0 255;"
            + "address-mask-reply 18 0 255").split(";");
    static final String[] ICMPV6 = ("destination-unreachable 1 0 255;no-route 1 0 0;communication-prohibited 1 1 1;"
            + "beyond-scope 1 2 2;address-unreachable 1 3 3;port-unreachable 1 4 4;failed-policy 1 5 5;"
            + "reject-route 1 6 6;packet-too-big 2 0 255;time-exceeded 3 0 255;ttl-exceeded 3 0 255;"
            + "ttl-zero-during-transit 3 0 0;ttl-zero-during-reassembly 3 1 1;parameter-problem 4 0 255;"
            + "bad-header 4 0 0;unknown-header-type 4 1 1;unknown-option 4 2 2;echo-request 128 0 255;"
            + "ping 128 0 255;echo-reply 129 0 255;pong 129 0 255;router-solicitation 133 0 255;"
            + "router-advertisement 134 0 255;neighbour-solicitation 135 0 255;neighbor-solicitation 135 0 255;"
            + "neighbour-advertisement 136 0 255;neighbor-advertisement 136 0 255;redirect 137 0 255").split(";");
    static final String[] IGMP = ("membership-query 17 0 255;membership-report-v1 18 0 255;"
            + "membership-report-v2 22 0 255;leave-group 23 0 255;membership-report-v3 34 0 255").split(";");

    boolean matches(int type, int code) {
        return type >= typeLo && type <= typeHi && code >= codeLo && code <= codeHi;
    }

    static IcmpSpec parse(String w, String[] names, boolean codes) {
        for (String e : names) {
            String[] f = e.split(" ");
            if (f[0].equalsIgnoreCase(w)) {
                int t = Integer.parseInt(f[1]);
                return new IcmpSpec(t, t, Integer.parseInt(f[2]), Integer.parseInt(f[3]));
            }
        }
        int slash = w.indexOf('/');
        if (slash >= 0 && !codes) {
            throw new IllegalArgumentException("invalid type '" + w + "'");
        }
        IntRange t = IntRange.parse(slash < 0 ? w : w.substring(0, slash), 255, "type");
        IntRange c = slash < 0 ? new IntRange(0, 255) : IntRange.parse(w.substring(slash + 1), 255, "code");
        return new IcmpSpec((int) t.lo(), (int) t.hi(), (int) c.lo(), (int) c.hi());
    }

    String format(String[] names, boolean codes) {
        if (typeLo == typeHi) {
            for (String e : names) {
                String[] f = e.split(" ");
                if (Integer.parseInt(f[1]) == typeLo && Integer.parseInt(f[2]) == codeLo
                        && Integer.parseInt(f[3]) == codeHi) {
                    return f[0];
                }
            }
        }
        String t = new IntRange(typeLo, typeHi).format();
        if (!codes) {
            return t;
        }
        return t + "/" + new IntRange(codeLo, codeHi).format();
    }

    static ParamType<IcmpSpec> type(String[] names, boolean codes) {
        return new ParamType<>(codes ? "type[:type][/code[:code]]|name" : "type[:type]|name", 1) {
            @Override
            public IcmpSpec parse(List<String> words) {
                return IcmpSpec.parse(words.get(0), names, codes);
            }

            @Override
            public List<String> format(IcmpSpec v) {
                return List.of(v.format(names, codes));
            }

            @Override
            public List<String> validValues() {
                return java.util.Arrays.stream(names).map(e -> e.split(" ")[0].toLowerCase(Locale.ROOT)).toList();
            }
        };
    }
}
