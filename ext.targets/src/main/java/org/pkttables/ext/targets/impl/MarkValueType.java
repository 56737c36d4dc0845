package org.pkttables.ext.targets.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ValueMask;

/**
 * {@code value[/mask]} of MARK's {@code --set-xmark} and {@code --set-mark}, numbers read like strtoul
 * ({@code 010} is 8). Always listed with the mask, as iptables lists {@code --set-xmark 0x5/0xffffffff}.
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
        return List.of("0x" + Long.toHexString(vm.value()) + "/0x" + Long.toHexString(vm.mask()));
    }
}
