package org.pkttables.ext.targets.impl;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParameterProblem;
import java.util.List;

import org.pkttables.api.ext.ParamType;

/**
 * A syslog level: {@code emerg panic alert crit error warning notice info debug} (lower case only, as
 * iptables) or 0-7. Listed as the number, as iptables does.
 */
final class LogLevelType extends ParamType<Integer> {
    static final LogLevelType INSTANCE = new LogLevelType();
    /** The kernel's default, which iptables leaves out of the listing. */
    static final int WARNING = 4;

    private static final List<String> NAMES =
            List.of("emerg", "panic", "alert", "crit", "error", "warning", "notice", "info", "debug");
    private static final int[] LEVELS = {0, 0, 1, 2, 3, 4, 5, 6, 7};

    private LogLevelType() {
        super("level", 1);
    }

    @Override
    public Integer parse(List<String> words) {
        String w = words.get(0);
        int i = NAMES.indexOf(w);
        if (i >= 0) {
            return LEVELS[i];
        }
        long n = CNumbers.parse(w, 7);
        if (n < 0) {
            throw new ParameterProblem("log level \"" + w + "\" unknown (0-7 or " + String.join(" ", NAMES) + ")",
                    "log level \"" + w + "\" unknown\n");
        }
        return (int) n;
    }

    @Override
    public List<String> format(Integer v) {
        return List.of(Integer.toString(v));
    }

    @Override
    public List<String> validValues() {
        return NAMES;
    }
}
