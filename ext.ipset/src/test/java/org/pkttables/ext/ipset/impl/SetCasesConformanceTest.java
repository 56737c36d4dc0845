package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.api.CommandFrontend;

/**
 * The set match and SET target case files through the real core, with the sets the case files name
 * created first ({@code foo} hash:ip,port, {@code bar} hash:ip timeout 10, {@code foo6} inet6,
 * {@code l4} list:set): each rule must list exactly as iptables 1.8.9 listed it with the same sets,
 * and the FAIL lines (bad options, a set that does not exist or is of the other family) be refused.
 */
class SetCasesConformanceTest {
    private static final List<String> FILES = List.of("libipt_set.t", "libip6t_set.t", "libipt_SET.t",
            "libip6t_SET.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(SetCasesConformanceTest.class, f).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        Fixture f = new Fixture();
        f.ok("ipset create foo hash:ip,port");
        f.ok("ipset create bar hash:ip timeout 10");
        f.ok("ipset create foo6 hash:ip family inet6");
        f.ok("ipset create l4 list:set");
        CommandFrontend.Result add = f.sh(c.tool() + " -t " + c.table() + " -A " + c.chain() + " " + c.rule());
        CommandFrontend.Result list = f.sh(c.tool() + " -t " + c.table() + " -S " + c.chain());
        assertEquals(0, list.exit(), list.err());
        List<String> rules = list.out().lines().filter(l -> l.startsWith("-A " + c.chain() + " "))
                .map(l -> l.substring(("-A " + c.chain() + " ").length())).toList();
        if (c.ok()) {
            assertEquals(0, add.exit(), add.err());
            assertEquals(List.of(c.expected()), rules);
        } else {
            assertNotEquals(0, add.exit(), "accepted, listed as " + rules);
            assertFalse(add.err().isBlank(), "rejected without an error message");
            assertEquals(List.of(), rules);
        }
    }
}
