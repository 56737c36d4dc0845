package org.pkttables.ext.targets.impl;

import java.util.List;

import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ValueMask;

/**
 * What MARK and TOS share: a rule gives exactly one of several forms (set, and, or, xor), each of which
 * is one (value, mask) pair of {@code x = (x & ~mask) ^ value}, and lists as the canonical set form.
 */
final class XorForms {
    private XorForms() {
    }

    /**
     * The one form of {@code forms} that {@code args} gives.
     *
     * @param prefix   put before the "cannot be used together" message ("MARK: " or nothing)
     * @param required      the message when none is given
     * @param requiredWords iptables 1.8.9's words for it
     */
    static Param<?> given(Args args, List<Param<?>> forms, String prefix, String required, String requiredWords) {
        Param<?> given = null;
        for (Param<?> p : forms) {
            if (args.has(p)) {
                if (given != null) {
                    throw new IllegalArgumentException(prefix + given + " cannot be used together with " + p);
                }
                given = p;
            }
        }
        if (given == null) {
            throw new ParameterProblem(required, requiredWords);
        }
        return given;
    }

    /** {@code args} with every form replaced by {@code canonical}'s {@code vm}. */
    static Args canonical(Args args, List<Param<?>> forms, Param<ValueMask> canonical, ValueMask vm) {
        Args.Builder b = args.toBuilder();
        for (Param<?> p : forms) {
            b.remove(p);
        }
        return b.put(canonical, vm).build();
    }

    /** {@code x &= bits}, within the {@code all} bits of the field. */
    static ValueMask and(long bits, long all) {
        return new ValueMask(0, ~bits & all);
    }

    /** {@code x |= bits}. */
    static ValueMask or(long bits) {
        return new ValueMask(bits, bits);
    }

    /** {@code x ^= bits}. */
    static ValueMask xor(long bits) {
        return new ValueMask(bits, 0);
    }
}
