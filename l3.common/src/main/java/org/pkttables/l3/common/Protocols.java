package org.pkttables.l3.common;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * IP protocol names for {@code -p}, as iptables and ip6tables read and print them. The tools ask
 * {@code getprotobynumber()}, i.e. /etc/protocols; this table is Debian netbase's copy of it, so
 * listings do not depend on the machine pkttables runs on. Input also takes the aliases iptables
 * knows itself ({@code icmpv6}, {@code mh}, {@code ipv6-mh}, {@code all}).
 */
public final class Protocols {
    /** Official name per number: what {@code -S} prints. */
    private static final String[] NAMES = new String[256];
    private static final Map<String, Integer> BY_NAME = new HashMap<>();

    static {
        // 0 is "any protocol": listed as nothing by the tools (canonicalize drops it); "all" reads back in.
        NAMES[0] = "all";
        // name number [alias]: /etc/protocols from netbase 6.4 (entries above 255 left out: -p takes 8 bits)
        String table = "ip 0 IP;hopopt 0 HOPOPT;icmp 1 ICMP;igmp 2 IGMP;ggp 3 GGP;ipencap 4 IP-ENCAP;st 5 ST;"
                + "tcp 6 TCP;egp 8 EGP;igp 9 IGP;pup 12 PUP;udp 17 UDP;hmp 20 HMP;xns-idp 22 XNS-IDP;rdp 27 RDP;"
                + "iso-tp4 29 ISO-TP4;dccp 33 DCCP;xtp 36 XTP;ddp 37 DDP;idpr-cmtp 38 IDPR-CMTP;ipv6 41 IPv6;"
                + "ipv6-route 43 IPv6-Route;ipv6-frag 44 IPv6-Frag;idrp 45 IDRP;rsvp 46 RSVP;gre 47 GRE;"
                + "esp 50 IPSEC-ESP;ah 51 IPSEC-AH;skip 57 SKIP;ipv6-icmp 58 IPv6-ICMP;ipv6-nonxt 59 IPv6-NoNxt;"
                + "ipv6-opts 60 IPv6-Opts;rspf 73 RSPF;vmtp 81 VMTP;eigrp 88 EIGRP;ospf 89 OSPFIGP;ax.25 93 AX.25;"
                + "ipip 94 IPIP;etherip 97 ETHERIP;encap 98 ENCAP;pim 103 PIM;ipcomp 108 IPCOMP;vrrp 112 VRRP;"
                + "l2tp 115 L2TP;isis 124 ISIS;sctp 132 SCTP;fc 133 FC;mobility-header 135 Mobility-Header;"
                + "udplite 136 UDPLite;mpls-in-ip 137 MPLS-in-IP;manet 138;hip 139 HIP;shim6 140 Shim6;"
                + "wesp 141 WESP;rohc 142 ROHC;ethernet 143 Ethernet;"
                // iptables' own names (xtables_chain_protos)
                + "icmpv6 58;ipv6-mh 135;mh 135;all 0";
        for (String entry : table.split(";")) {
            String[] f = entry.split(" ");
            int n = Integer.parseInt(f[1]);
            if (NAMES[n] == null) {
                NAMES[n] = f[0];
            }
            BY_NAME.putIfAbsent(f[0], n);
            if (f.length > 2) {
                BY_NAME.putIfAbsent(f[2].toLowerCase(Locale.ROOT), n);
            }
        }
    }

    private Protocols() {
    }

    /** The protocol number of a name or number ({@code tcp}, {@code 6}, {@code 0x6}), -1 if unknown. */
    public static int number(String nameOrNumber) {
        String s = nameOrNumber.toLowerCase(Locale.ROOT);
        Integer named = BY_NAME.get(s);
        if (named != null) {
            return named;
        }
        try {
            long v = ParamTypes.parseUnsigned(s);
            return v >= 0 && v <= 255 ? (int) v : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The name {@code -S} prints for a protocol number, or its decimal form when it has none. */
    public static String name(int number) {
        String n = number >= 0 && number < NAMES.length ? NAMES[number] : null;
        return n != null ? n : Integer.toString(number);
    }

    /** The {@code -p} value type: a protocol number, read from a name or a number. */
    public static ParamType<Integer> type() {
        return new ParamType<>("protocol", 1) {
            @Override
            public Integer parse(List<String> words) {
                int n = number(words.get(0));
                if (n < 0) {
                    throw new IllegalArgumentException("unknown protocol \"" + words.get(0) + "\" specified");
                }
                return n;
            }

            @Override
            public List<String> format(Integer value) {
                return List.of(Protocols.name(value));
            }

            @Override
            public List<String> validValues() {
                return List.of("tcp", "udp", "udplite", "icmp", "ipv6-icmp", "esp", "ah", "sctp", "gre", "all");
            }
        };
    }
}
