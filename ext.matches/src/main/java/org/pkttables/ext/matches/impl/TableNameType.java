package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import java.util.List;
import java.util.function.Predicate;

import org.pkttables.api.ext.ParamType;

/** The name of a match's own table (hashlimit's, recent's): one word, as the match allows it, listed as written. */
final class TableNameType extends ParamType<String> {
    private final String bad;
    private final String want;
    private final Predicate<String> valid;
    private final boolean kernelChecks;

    /**
     * @param bad the refusal's start ({@code bad --hashlimit-name})
     * @param want what the match allows, for the refusal
     * @param kernelChecks iptables passes any name on and the kernel refuses a bad one ({@link KernelRefusal},
     *                     recent's), rather than its parser (hashlimit's)
     */
    TableNameType(String bad, String want, boolean kernelChecks, Predicate<String> valid) {
        super("name", 1);
        this.bad = bad;
        this.want = want;
        this.kernelChecks = kernelChecks;
        this.valid = valid;
    }

    @Override
    public String parse(List<String> words) {
        String s = words.get(0);
        if (!valid.test(s)) {
            String m = bad + " \"" + s + "\": " + want;
            throw kernelChecks ? new KernelRefusal(m) : new IllegalArgumentException(m);
        }
        return s;
    }

    @Override
    public List<String> format(String value) {
        return List.of(value);
    }
}
