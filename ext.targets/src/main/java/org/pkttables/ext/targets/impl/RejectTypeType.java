package org.pkttables.ext.targets.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pkttables.api.RejectCodes;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/**
 * The value of {@code --reject-with}: a name or its alias, or any prefix of one, case-insensitive;
 * the first entry in table order wins, as in libipt_REJECT / libip6t_REJECT (so {@code icmp-p} is
 * proto-unreachable). Listed by its full name.
 */
final class RejectTypeType extends ParamType<Integer> {
    static final RejectTypeType IPV4 = new RejectTypeType(new Object[][] {
        {"icmp-net-unreachable", "net-unreach", RejectCodes.ICMP_NET_UNREACHABLE},
        {"icmp-host-unreachable", "host-unreach", RejectCodes.ICMP_HOST_UNREACHABLE},
        {"icmp-proto-unreachable", "proto-unreach", RejectCodes.ICMP_PROT_UNREACHABLE},
        {"icmp-port-unreachable", "port-unreach", RejectCodes.ICMP_PORT_UNREACHABLE},
        {"icmp-net-prohibited", "net-prohib", RejectCodes.ICMP_NET_PROHIBITED},
        {"icmp-host-prohibited", "host-prohib", RejectCodes.ICMP_HOST_PROHIBITED},
        {"tcp-reset", "tcp-rst", RejectCodes.TCP_RESET},
        {"icmp-admin-prohibited", "admin-prohib", RejectCodes.ICMP_ADMIN_PROHIBITED},
    });

    static final RejectTypeType IPV6 = new RejectTypeType(new Object[][] {
        {"icmp6-no-route", "no-route", RejectCodes.ICMP6_NO_ROUTE},
        {"icmp6-adm-prohibited", "adm-prohibited", RejectCodes.ICMP6_ADM_PROHIBITED},
        {"icmp6-addr-unreachable", "addr-unreach", RejectCodes.ICMP6_ADDR_UNREACH},
        {"icmp6-port-unreachable", "port-unreach", RejectCodes.ICMP6_PORT_UNREACH},
        {"tcp-reset", "tcp-reset", RejectCodes.TCP_RESET},
        {"icmp6-policy-fail", "policy-fail", RejectCodes.ICMP6_POLICY_FAIL},
        {"icmp6-reject-route", "reject-route", RejectCodes.ICMP6_REJECT_ROUTE},
    });

    private final List<String> names = new ArrayList<>();
    private final List<String> aliases = new ArrayList<>();
    private final List<Integer> codes = new ArrayList<>();

    private RejectTypeType(Object[][] table) {
        super("reject type", 1);
        for (Object[] row : table) {
            names.add((String) row[0]);
            aliases.add((String) row[1]);
            codes.add((Integer) row[2]);
        }
    }

    @Override
    public Integer parse(List<String> words) {
        String w = words.get(0).toLowerCase(Locale.ROOT);
        if (!w.isEmpty()) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).startsWith(w) || aliases.get(i).startsWith(w)) {
                    return codes.get(i);
                }
            }
        }
        throw new ParameterProblem("unknown reject type \"" + words.get(0) + "\" (valid: "
                + String.join(", ", names) + ")", "unknown reject type \"" + words.get(0) + "\"");
    }

    @Override
    public List<String> format(Integer code) {
        return List.of(names.get(codes.indexOf(code)));
    }

    @Override
    public List<String> validValues() {
        return List.copyOf(names);
    }
}
