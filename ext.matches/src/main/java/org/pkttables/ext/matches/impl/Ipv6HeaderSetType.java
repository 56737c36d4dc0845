package org.pkttables.ext.matches.impl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/**
 * {@code --header} of ipv6header: a comma list of header names or their numbers, kept as the
 * kernel's bit mask and listed high bit first with libip6t_ipv6header's names.
 */
final class Ipv6HeaderSetType extends ParamType<Integer> {
    static final Ipv6HeaderSetType INSTANCE = new Ipv6HeaderSetType();

    static final int HOPOPTS = 128;
    static final int DSTOPTS = 64;
    static final int ROUTING = 32;
    static final int FRAGMENT = 16;
    static final int AH = 8;
    static final int ESP = 4;
    static final int NONE = 2;
    static final int PROTO = 1;

    /** Listing names, by bit from high to low. */
    private static final String[] NAMES = {"hop-by-hop", "ipv6-opts", "ipv6-route", "ipv6-frag", "ah", "esp",
        "ipv6-nonxt", "protocol"};

    private static final Map<String, Integer> BY_NAME = new LinkedHashMap<>();

    static {
        String[] in = {"hop-by-hop:0", "protocol:255", "ipv6-route:43", "ipv6-frag:44", "esp:50", "ah:51",
            "ipv6-nonxt:59", "ipv6-opts:60", "hop:0", "dst:60", "route:43", "frag:44", "auth:51", "none:59",
            "prot:255"};
        for (String s : in) {
            int c = s.indexOf(':');
            BY_NAME.put(s.substring(0, c), Integer.parseInt(s.substring(c + 1)));
        }
    }

    private Ipv6HeaderSetType() {
        super("header[,header]...", 1);
    }

    static int bit(int proto) {
        switch (proto) {
            case 0: return HOPOPTS;
            case 60: return DSTOPTS;
            case 43: return ROUTING;
            case 44: return FRAGMENT;
            case 51: return AH;
            case 50: return ESP;
            case 59: return NONE;
            case 255: return PROTO;
            default: return 0;
        }
    }

    @Override
    public Integer parse(List<String> words) {
        int mask = 0;
        for (String item : words.get(0).split(",", -1)) {
            if (item.isEmpty()) {
                continue; // "hop," is read as "hop", as libip6t_ipv6header does
            }
            Integer proto = BY_NAME.get(item);
            if (proto == null && !item.isEmpty() && item.chars().allMatch(Character::isDigit) && item.length() <= 3) {
                proto = Integer.parseInt(item);
            }
            int b = proto == null ? 0 : bit(proto);
            if (b == 0) {
                throw new ParameterProblem("unknown IPv6 header \"" + item + "\" (valid: "
                        + String.join(", ", BY_NAME.keySet()) + ", or their numbers)", "unknown header `" + item + "' specified");
            }
            mask |= b;
        }
        if (mask == 0) {
            throw new IllegalArgumentException("no IPv6 header named in \"" + words.get(0) + "\"");
        }
        return mask;
    }

    @Override
    public List<String> format(Integer mask) {
        return List.of(BitNames.join(mask, NAMES, true));
    }

    /** Under {@code -n} the header bits as one number ({@code flags:0x80}), else the names. */
    @Override
    public List<String> listed(Integer mask, org.pkttables.api.ext.ListContext ctx) {
        return ctx.numeric() ? List.of(String.format(java.util.Locale.ROOT, "0x%02X", mask)) : format(mask);
    }

    @Override
    public List<String> validValues() {
        return List.copyOf(BY_NAME.keySet());
    }
}
