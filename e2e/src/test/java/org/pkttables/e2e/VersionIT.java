package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pkttables --version} and the last line of {@code status} name the Maven project version the
 * build wrote into the control bundle (issue 14).
 */
class VersionIT {
    private static final String VERSION = System.getProperty("pkttables.version");

    @RegisterExtension
    final Lab lab = Lab.launcher();

    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        assertFalse(VERSION == null || VERSION.isBlank(), "the e2e pom passes pkttables.version");
        Proc.Result r = Proc.exec(List.of(RunningAppliance.BIN.toString(), "--version"), null);
        assertOk(r);
        assertEquals("pkttables " + VERSION + "\n", r.out());
    }

    @Test
    void statusEndsWithTheVersion() throws Exception {
        RunningAppliance a = lab.start("run");
        Proc.Result r = a.ctl("status");
        assertOk(r);
        assertTrue(r.out().endsWith("version: " + VERSION + "\n"), r.out());
    }
}
