package org.pkttables.l3.arp.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.RealToolOracle;

/**
 * Re-checks the recorded arptables target case files against the real arptables (arptables-nft 1.8.9) in a
 * network namespace of its own: every case is added with the real tool and listed with -S; accepted or
 * refused and the listing must be what the file says (the file pkttables itself is tested against). Needs
 * root and arptables; skipped otherwise.
 */
class RealArptablesOracleTest {
    @Test
    void caseFilesStillSayWhatTheRealToolDoes() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a network namespace");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/arptables")) || Files.isExecutable(Path.of("/sbin/arptables")),
                "needs the real arptables");
        List<CaseFile.Case> cases = new ArrayList<>();
        for (String f : ArpTargetCasesConformanceTest.FILES) {
            cases.addAll(CaseFile.load(RealArptablesOracleTest.class, f));
        }
        List<String> mismatches = RealToolOracle.mismatches("arptables", cases, c -> "arptables -t " + c.table() + " -S " + c.chain());
        assumeTrue(mismatches != null, "cannot create a network namespace");
        assertEquals(List.of(), mismatches);
    }
}
