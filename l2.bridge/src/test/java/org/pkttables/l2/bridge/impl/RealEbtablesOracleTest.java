package org.pkttables.l2.bridge.impl;

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
 * Re-checks the recorded case files against the real ebtables (ebtables-nft 1.8.9) in a network namespace
 * of its own: every case is added with the real tool and listed with ebtables-save; accepted or refused and
 * the listing must be what the file says (the file pkttables itself is tested against). Needs root and
 * ebtables; skipped otherwise. libebt_logical.t is not re-checked (see its header).
 */
class RealEbtablesOracleTest {
    @Test
    void caseFilesStillSayWhatTheRealToolDoes() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a network namespace");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ebtables")) || Files.isExecutable(Path.of("/sbin/ebtables")),
                "needs the real ebtables");
        List<CaseFile.Case> cases = new ArrayList<>();
        for (String f : EbtablesCasesConformanceTest.FILES) {
            if (!f.equals("libebt_logical.t")) { // not re-checked, see its header
                cases.addAll(CaseFile.load(RealEbtablesOracleTest.class, f));
            }
        }
        List<String> mismatches = RealToolOracle.mismatches("ebtables", cases,
                c -> "ebtables-save -t " + c.table() + " | grep '^-A " + c.chain() + " '");
        assumeTrue(mismatches != null, "cannot create a network namespace");
        assertEquals(List.of(), mismatches);
    }
}
