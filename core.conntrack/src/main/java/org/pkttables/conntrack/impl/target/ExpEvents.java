package org.pkttables.conntrack.impl.target;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/** {@code CT --expevents}: expectation event names; iptables knows only {@code new} (bit 0). */
final class ExpEvents extends ParamType<Integer> {
    ExpEvents() {
        super("new", 1);
    }

    @Override
    public Integer parse(List<String> words) {
        int mask = 0;
        for (String part : words.get(0).split(",", -1)) {
            if (!part.equals("new")) {
                throw new IllegalArgumentException("Unknown event type \"" + part + "\"");
            }
            mask |= 1;
        }
        return mask;
    }

    @Override
    public List<String> format(Integer mask) {
        return List.of("new");
    }

    @Override
    public List<String> validValues() {
        return List.of("new");
    }
}
