package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import java.util.List;

import org.pkttables.api.ext.ParamType;

/** One of a few fixed words, case-sensitive (libxt_statistic rejects {@code NTH}, unlike most names). */
final class ExactChoiceType extends ParamType<String> {
    private final List<String> words;
    /** The kernel's error for another word ({@link KernelRefusal}), or null when iptables' parser refuses it. */
    private final String kernelError;

    ExactChoiceType(String name, String... words) {
        this(name, List.of(words), null);
    }

    private ExactChoiceType(String name, List<String> words, String kernelError) {
        super(name, 1);
        this.words = words;
        this.kernelError = kernelError;
    }

    /** Words that iptables passes on and the kernel refuses with {@code kernelError} (string's --algo: ENOENT). */
    static ExactChoiceType kernelChecked(String kernelError, String name, String... words) {
        return new ExactChoiceType(name, List.of(words), kernelError);
    }

    @Override
    public String parse(List<String> w) {
        if (!words.contains(w.get(0))) {
            String m = "invalid " + name() + " \"" + w.get(0) + "\" (valid: " + String.join(", ", words) + ")";
            throw kernelError == null ? new IllegalArgumentException(m) : new KernelRefusal(m, kernelError);
        }
        return w.get(0);
    }

    @Override
    public List<String> format(String v) {
        return List.of(v);
    }

    @Override
    public List<String> validValues() {
        return words;
    }
}
