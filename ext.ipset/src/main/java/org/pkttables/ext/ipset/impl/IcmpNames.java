package org.pkttables.ext.ipset.impl;

import java.util.HashMap;
import java.util.Map;

/**
 * ICMP and ICMPv6 type/code names as ipset reads and prints them ({@code icmp:echo-request},
 * {@code ipv6-icmp:neighbour-solicitation}); codes without a name print as {@code type/code}.
 * The tables are ipset 7.17's (checked against its listing).
 */
final class IcmpNames {
    private static final String ICMP = "echo-reply 0 0;pong 0 0;network-unreachable 3 0;host-unreachable 3 1;"
            + "protocol-unreachable 3 2;port-unreachable 3 3;fragmentation-needed 3 4;source-route-failed 3 5;"
            + "network-unknown 3 6;host-unknown 3 7;network-prohibited 3 9;host-prohibited 3 10;"
            + "TOS-network-unreachable 3 11;TOS-host-unreachable 3 12;communication-prohibited 3 13;"
            + "host-precedence-violation 3 14;precedence-cutoff 3 15;source-quench 4 0;network-redirect 5 0;"
            + "host-redirect 5 1;TOS-network-redirect 5 2;TOS-host-redirect 5 3;echo-request 8 0;ping 8 0;"
            + "router-advertisement 9 0;router-solicitation 10 0;ttl-zero-during-transit 11 0;"
            + "ttl-zero-during-reassembly 11 1;ip-header-bad 12 0;required-option-missing 12 1;"
            + "timestamp-request 13 0;timestamp-reply 14 0;address-mask-request 17 0;address-mask-reply 18 0";
    private static final String ICMP6 = "no-route 1 0;communication-prohibited 1 1;address-unreachable 1 3;"
            + "port-unreachable 1 4;packet-too-big 2 0;ttl-zero-during-transit 3 0;ttl-zero-during-reassembly 3 1;"
            + "bad-header 4 0;unknown-header-type 4 1;unknown-option 4 2;echo-request 128 0;ping 128 0;"
            + "echo-reply 129 0;pong 129 0;router-solicitation 133 0;router-advertisement 134 0;"
            + "neighbour-solicitation 135 0;neigbour-solicitation 135 0;neighbour-advertisement 136 0;"
            + "neigbour-advertisement 136 0;redirect 137 0";

    private static final Map<String, Integer> BY_NAME4 = new HashMap<>();
    private static final Map<Integer, String> NAME4 = new HashMap<>();
    private static final Map<String, Integer> BY_NAME6 = new HashMap<>();
    private static final Map<Integer, String> NAME6 = new HashMap<>();

    static {
        load(ICMP, BY_NAME4, NAME4);
        load(ICMP6, BY_NAME6, NAME6);
    }

    private IcmpNames() {
    }

    private static void load(String table, Map<String, Integer> byName, Map<Integer, String> names) {
        for (String e : table.split(";")) {
            String[] f = e.split(" ");
            int v = (Integer.parseInt(f[1]) << 8) | Integer.parseInt(f[2]);
            byName.put(f[0].toLowerCase(java.util.Locale.ROOT), v);
            names.putIfAbsent(v, f[0]);
        }
    }

    /** type &lt;&lt; 8 | code for a name, or -1. */
    static int value(boolean v6, String name) {
        Integer v = (v6 ? BY_NAME6 : BY_NAME4).get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null ? -1 : v;
    }

    static String name(boolean v6, int typeCode) {
        String n = (v6 ? NAME6 : NAME4).get(typeCode);
        return n != null ? n : (typeCode >>> 8) + "/" + (typeCode & 0xff);
    }
}
