package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.ParamType;

/** One of a few fixed words, case-sensitive (libxt_statistic rejects {@code NTH}, unlike most names). */
final class ExactChoiceType extends ParamType<String> {
    private final List<String> words;

    ExactChoiceType(String name, String... words) {
        super(name, 1);
        this.words = List.of(words);
    }

    @Override
    public String parse(List<String> w) {
        if (!words.contains(w.get(0))) {
            throw new IllegalArgumentException("invalid " + name() + " \"" + w.get(0) + "\" (valid: "
                    + String.join(", ", words) + ")");
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
