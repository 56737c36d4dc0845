package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParameterProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The type names of {@code --icmp-type} or {@code --icmpv6-type}, in the tables' order, read the way
 * iptables reads them: case-insensitive, any unambiguous prefix ({@code echo-req}), else {@code type} or
 * {@code type/code} numbers.
 */
final class IcmpTypeNames {
    static final IcmpTypeNames ICMP = new IcmpTypeNames("ICMP", new Object[][] {
        {"any", 0xff, 0, 0xff},
        {"echo-reply", 0, 0, 0xff},
        {"pong", 0, 0, 0xff},
        {"destination-unreachable", 3, 0, 0xff},
        {"network-unreachable", 3, 0, 0},
        {"host-unreachable", 3, 1, 1},
        {"protocol-unreachable", 3, 2, 2},
        {"port-unreachable", 3, 3, 3},
        {"fragmentation-needed", 3, 4, 4},
        {"source-route-failed", 3, 5, 5},
        {"network-unknown", 3, 6, 6},
        {"host-unknown", 3, 7, 7},
        {"network-prohibited", 3, 9, 9},
        {"host-prohibited", 3, 10, 10},
        {"TOS-network-unreachable", 3, 11, 11},
        {"TOS-host-unreachable", 3, 12, 12},
        {"communication-prohibited", 3, 13, 13},
        {"host-precedence-violation", 3, 14, 14},
        {"precedence-cutoff", 3, 15, 15},
        {"source-quench", 4, 0, 0xff},
        {"redirect", 5, 0, 0xff},
        {"network-redirect", 5, 0, 0},
        {"host-redirect", 5, 1, 1},
        {"TOS-network-redirect", 5, 2, 2},
        {"TOS-host-redirect", 5, 3, 3},
        {"echo-request", 8, 0, 0xff},
        {"ping", 8, 0, 0xff},
        {"router-advertisement", 9, 0, 0xff},
        {"router-solicitation", 10, 0, 0xff},
        {"time-exceeded", 11, 0, 0xff},
        {"ttl-exceeded", 11, 0, 0xff},
        {"ttl-zero-during-transit", 11, 0, 0},
        {"ttl-zero-during-reassembly", 11, 1, 1},
        {"parameter-problem", 12, 0, 0xff},
        {"ip-header-bad", 12, 0, 0},
        {"required-option-missing", 12, 1, 1},
        {"timestamp-request", 13, 0, 0xff},
        {"timestamp-reply", 14, 0, 0xff},
        {"address-mask-request", 17, 0, 0xff},
        {"address-mask-reply", 18, 0, 0xff},
    });

    // No mld-listener-* names: newer iptables (and its test suite) has them, the 1.8.9 tool refuses them.
    static final IcmpTypeNames ICMPV6 = new IcmpTypeNames("ICMPv6", new Object[][] {
        {"destination-unreachable", 1, 0, 0xff},
        {"no-route", 1, 0, 0},
        {"communication-prohibited", 1, 1, 1},
        {"beyond-scope", 1, 2, 2},
        {"address-unreachable", 1, 3, 3},
        {"port-unreachable", 1, 4, 4},
        {"failed-policy", 1, 5, 5},
        {"reject-route", 1, 6, 6},
        {"packet-too-big", 2, 0, 0xff},
        {"time-exceeded", 3, 0, 0xff},
        {"ttl-exceeded", 3, 0, 0xff},
        {"ttl-zero-during-transit", 3, 0, 0},
        {"ttl-zero-during-reassembly", 3, 1, 1},
        {"parameter-problem", 4, 0, 0xff},
        {"bad-header", 4, 0, 0},
        {"unknown-header-type", 4, 1, 1},
        {"unknown-option", 4, 2, 2},
        {"echo-request", 128, 0, 0xff},
        {"ping", 128, 0, 0xff},
        {"echo-reply", 129, 0, 0xff},
        {"pong", 129, 0, 0xff},
        {"router-solicitation", 133, 0, 0xff},
        {"router-advertisement", 134, 0, 0xff},
        {"neighbour-solicitation", 135, 0, 0xff},
        {"neighbor-solicitation", 135, 0, 0xff},
        {"neighbour-advertisement", 136, 0, 0xff},
        {"neighbor-advertisement", 136, 0, 0xff},
        {"redirect", 137, 0, 0xff},
    });

    private final String what;
    private final List<String> names = new ArrayList<>();
    private final List<IcmpTypeSpec> specs = new ArrayList<>();

    private IcmpTypeNames(String what, Object[][] table) {
        this.what = what;
        for (Object[] row : table) {
            names.add((String) row[0]);
            specs.add(new IcmpTypeSpec((Integer) row[1], (Integer) row[2], (Integer) row[3]));
        }
    }

    /** The first name of exactly this type and code range, or null. */
    String nameOf(IcmpTypeSpec spec) {
        int i = specs.indexOf(spec);
        return i < 0 ? null : names.get(i);
    }

    List<String> names() {
        return List.copyOf(names);
    }

    IcmpTypeSpec parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        int found = -1;
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).toLowerCase(Locale.ROOT);
            if (n.equals(w)) {
                return specs.get(i);
            }
            if (!w.isEmpty() && n.startsWith(w)) {
                if (found >= 0) {
                    throw new ParameterProblem("ambiguous " + what + " type \"" + word + "\": \""
                            + names.get(found) + "\" or \"" + names.get(i) + "\"?", "Ambiguous " + what + " type `" + word + "': `" + names.get(found) + "' or `" + names.get(i) + "'?");
                }
                found = i;
            }
        }
        return found >= 0 ? specs.get(found) : parseNumbers(word);
    }

    /** {@code type}, {@code type/code}, or {@code type/lo:hi} where the range is one code or all codes. */
    private IcmpTypeSpec parseNumbers(String word) {
        int slash = word.indexOf('/');
        long type = CNumbers.parse(slash < 0 ? word : word.substring(0, slash), 255);
        if (type < 0) {
            throw new ParameterProblem("unknown " + what + " type \"" + word + "\" (a name, a number 0-255"
                    + " or type/code)", "Unknown " + what + " type `" + word + "'");
        }
        if (slash < 0) {
            return IcmpTypeSpec.anyCode((int) type);
        }
        String codes = word.substring(slash + 1);
        int colon = codes.indexOf(':');
        long lo = CNumbers.parse(colon < 0 ? codes : codes.substring(0, colon), 255);
        long hi = colon < 0 ? lo : CNumbers.parse(codes.substring(colon + 1), 255);
        if (lo < 0 || hi < 0) {
            throw new ParameterProblem("unknown " + what + " code \"" + word + "\" (want 0-255)", "Unknown " + what + " code `" + word + "'");
        }
        if (lo == 0 && hi == 0xff) {
            return IcmpTypeSpec.anyCode((int) type);
        }
        if (lo != hi) {
            // iptables would list only the first code, so the rule would not survive save/restore.
            throw new IllegalArgumentException(what + " code range \"" + word + "\" is not supported: give one code"
                    + " or 0:255");
        }
        return new IcmpTypeSpec((int) type, (int) lo, (int) lo);
    }
}
