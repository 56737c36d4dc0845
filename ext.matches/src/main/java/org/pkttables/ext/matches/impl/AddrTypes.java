package org.pkttables.ext.matches.impl;

import java.util.List;
import java.util.Locale;

import org.pkttables.api.ext.ParamType;

/**
 * Route types of the addrtype match, as bits {@code 1 << RTN_*}: a comma list of names
 * (case-insensitive) listed in bit order, upper case.
 */
final class AddrTypes {
    static final String[] NAMES = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST", "BLACKHOLE",
        "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE"};

    static final int UNSPEC = 1;
    static final int UNICAST = 1 << 1;
    static final int LOCAL = 1 << 2;
    static final int BROADCAST = 1 << 3;
    static final int MULTICAST = 1 << 5;
    /** The types ip6tables refuses (IPv6 has no broadcast; the others are IPv4 routing types). */
    static final int NOT_IPV6 = BROADCAST | 1 << 6 | 1 << 8 | 1 << 9 | 1 << 10 | 1 << 11;

    static final ParamType<Integer> TYPE = new ParamType<>("type[,type]...", 1) {
        @Override
        public Integer parse(List<String> words) {
            int mask = 0;
            for (String item : words.get(0).split(",", -1)) {
                int bit = List.of(NAMES).indexOf(item.toUpperCase(Locale.ROOT));
                if (bit < 0) {
                    throw new IllegalArgumentException("unknown address type \"" + item + "\" (valid: "
                            + String.join(", ", NAMES) + ")");
                }
                mask |= 1 << bit;
            }
            return mask;
        }

        @Override
        public List<String> format(Integer mask) {
            return List.of(BitNames.join(mask, NAMES, false));
        }

        @Override
        public List<String> validValues() {
            return List.of(NAMES);
        }
    };

    private AddrTypes() {
    }
}
