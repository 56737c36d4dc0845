package org.pkttables.ext.ipset.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/** An unsigned 64-bit counter value ({@code --packets-gt}), read as strtoull does, printed in decimal. */
final class CounterValue extends ParamType<Long> {
    static final CounterValue INSTANCE = new CounterValue();

    private CounterValue() {
        super("counter", 1);
    }

    @Override
    public Long parse(List<String> words) {
        String s = words.get(0);
        try {
            if (s.startsWith("0x") || s.startsWith("0X")) {
                return Long.parseUnsignedLong(s.substring(2), 16);
            }
            if (s.length() > 1 && s.startsWith("0")) {
                return Long.parseUnsignedLong(s.substring(1), 8);
            }
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Cannot parse " + s + " as a counter value", e);
        }
    }

    @Override
    public List<String> format(Long v) {
        return List.of(Long.toUnsignedString(v));
    }
}
