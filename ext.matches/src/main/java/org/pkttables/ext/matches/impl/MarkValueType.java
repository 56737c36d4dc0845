package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ValueMask;

/**
 * {@code value[/mask]}, 32 bits each, numbers as strtoul reads them ({@code 010} is 8); listed as
 * {@code 0x5} or {@code 0x5/0xff} (mask left out when all ones), as iptables lists {@code --mark}.
 */
final class MarkValueType extends ParamType<ValueMask> {
    static final MarkValueType INSTANCE = new MarkValueType();

    private MarkValueType() {
        super("value[/mask]", 1);
    }

    @Override
    public ValueMask parse(List<String> words) {
        String w = words.get(0);
        int slash = w.indexOf('/');
        long v = CNumbers.parse(slash < 0 ? w : w.substring(0, slash), ValueMask.ALL);
        long m = slash < 0 ? ValueMask.ALL : CNumbers.parse(w.substring(slash + 1), ValueMask.ALL);
        if (v < 0 || m < 0) {
            throw new IllegalArgumentException("bad mark \"" + w + "\" (want value[/mask], each 0-4294967295)");
        }
        return new ValueMask(v, m);
    }

    @Override
    public List<String> format(ValueMask vm) {
        String v = "0x" + Long.toHexString(vm.value());
        return List.of(vm.mask() == ValueMask.ALL ? v : v + "/0x" + Long.toHexString(vm.mask()));
    }
}
