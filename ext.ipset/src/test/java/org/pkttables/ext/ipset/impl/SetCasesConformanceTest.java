package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.tables.testing.CaseFile;

/**
 * The set match and SET target case files through the real core, with the sets the case files name
 * created first ({@code foo} hash:ip,port, {@code bar} hash:ip timeout 10, {@code foo6} inet6,
 * {@code l4} list:set): each rule must list exactly as iptables 1.8.9 listed it with the same sets,
 * and the FAIL lines (bad options, a set that does not exist or is of the other family) be refused.
 */
class SetCasesConformanceTest {
    static final List<String> FILES = List.of("libipt_set.t", "libip6t_set.t", "libipt_SET.t",
            "libip6t_SET.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(SetCasesConformanceTest.class, f).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(withSets().h));
    }

    /** The sets the case files name, as ipset commands (the real tool's namespace runs them too). */
    static final List<String> SETS = List.of("ipset create foo hash:ip,port", "ipset create bar hash:ip timeout 10",
            "ipset create foo6 hash:ip family inet6", "ipset create l4 list:set");

    /** A core with the sets of {@link #SETS}. */
    static Fixture withSets() {
        Fixture f = new Fixture();
        for (String s : SETS) {
            f.ok(s);
        }
        return f;
    }
}
