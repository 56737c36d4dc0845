package org.pkttables.ext.targets.impl;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParameterProblem;
import java.util.List;

import org.pkttables.api.ext.ParamType;

/** One 32-bit value without mask ({@code --and-mark}, {@code --or-mark}, {@code --xor-mark}). */
final class MarkBitsType extends ParamType<Long> {
    static final MarkBitsType INSTANCE = new MarkBitsType();

    private MarkBitsType() {
        super("bits", 1);
    }

    @Override
    public Long parse(List<String> words) {
        long v = CNumbers.parse(words.get(0), 0xffffffffL);
        if (v < 0) {
            throw ParameterProblem.ofOption("bad mark bits \"" + words.get(0) + "\" (want 0-4294967295, no mask)", "%1$s: bad value for option \"%2$s\", or out of range (0-4294967295).\n");
        }
        return v;
    }

    @Override
    public List<String> format(Long v) {
        return List.of("0x" + Long.toHexString(v));
    }
}
