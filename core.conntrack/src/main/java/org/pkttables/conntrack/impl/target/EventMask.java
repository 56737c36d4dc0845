package org.pkttables.conntrack.impl.target;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParameterProblem;

/**
 * A comma-separated list of event names as a bit mask, bit {@code i} for {@code names[i]}, listed in bit
 * order as iptables prints it: {@code CT --ctevents} (the kernel's IPCT_* names, {@link CtEvents}) and
 * {@code CT --expevents} (iptables knows only {@code new}).
 */
final class EventMask extends ParamType<Integer> {
    private final String[] names;

    EventMask(String metavar, String... names) {
        super(metavar, 1);
        this.names = names;
    }

    @Override
    public Integer parse(List<String> words) {
        int mask = 0;
        for (String part : words.get(0).split(",", -1)) {
            int bit = -1;
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(part)) {
                    bit = 1 << i;
                }
            }
            if (bit < 0) {
                throw ParameterProblem.of("Unknown event type \"" + part + "\"");
            }
            mask |= bit;
        }
        return mask;
    }

    @Override
    public List<String> format(Integer mask) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            if ((mask & (1 << i)) != 0) {
                l.add(names[i]);
            }
        }
        return List.of(String.join(",", l));
    }

    @Override
    public List<String> validValues() {
        return List.of(names);
    }
}
