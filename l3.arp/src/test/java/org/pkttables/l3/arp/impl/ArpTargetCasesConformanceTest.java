package org.pkttables.l3.arp.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;

/**
 * The arptables target case files through the real core: {@code arptables -A} then {@code -S} lists
 * exactly what arptables-nft 1.8.9 listed in a network namespace; FAIL lines are refused.
 */
class ArpTargetCasesConformanceTest {
    static final List<String> FILES = List.of("libarpt_MARK.t", "libarpt_CLASSIFY.t", "libarpt_mangle.t",
            "libarpt_targets.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(ArpTargetCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return new Harness().with(new ArpHandler(), new ArpMarkTargetType(), new ArpClassifyTargetType(),
                new ArpMangleTargetType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }
}
