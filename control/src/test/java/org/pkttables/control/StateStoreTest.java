package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend;

class StateStoreTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T01:02:03Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final RecordingFrontend frontend = new RecordingFrontend("iptables-save", "iptables-restore",
            "ip6tables-save", "ip6tables-restore");

    @Test
    void savesEachFamilyAndSkipsUnchangedRules() throws IOException {
        frontend.answers.put("iptables-save", new CommandFrontend.Result(0, "# Generated at 1\n*filter\nCOMMIT\n", ""));
        frontend.answers.put("ip6tables-save", new CommandFrontend.Result(0, "*filter\nCOMMIT\n", ""));
        StateStore s = new StateStore(dir.resolve("state"));
        assertEquals(List.of(), s.save(frontend));
        Path v4 = dir.resolve("state/rules.v4");
        assertEquals("# Generated at 1\n*filter\nCOMMIT\n", Files.readString(v4));
        assertTrue(Files.exists(dir.resolve("state/rules.v6")));
        assertFalse(Files.exists(dir.resolve("state/rules.arp")), "no arptables in this frontend");

        // Only the timestamp comment changed: the file is left as it was.
        frontend.answers.put("iptables-save", new CommandFrontend.Result(0, "# Generated at 2\n*filter\nCOMMIT\n", ""));
        s.save(frontend);
        assertEquals("# Generated at 1\n*filter\nCOMMIT\n", Files.readString(v4));

        frontend.answers.put("iptables-save", new CommandFrontend.Result(0, "*filter\n-A INPUT -j DROP\nCOMMIT\n", ""));
        s.save(frontend);
        assertEquals("*filter\n-A INPUT -j DROP\nCOMMIT\n", Files.readString(v4));
        try (var files = Files.list(dir.resolve("state"))) {
            assertEquals(2, files.count(), "no temporary files left");
        }
    }

    @Test
    void restoreFeedsEachFileAndSetsRejectedOnesAsideFailingClosed() throws IOException {
        Files.writeString(dir.resolve("rules.v4"), "*filter\n-A INPUT -j DROP\nCOMMIT\n");
        Files.writeString(dir.resolve("rules.v6"), "*filter\n-A INPUT -j BOGUS\nCOMMIT\n");
        Files.writeString(dir.resolve("rules.arp"), "*filter\nCOMMIT\n");
        Files.writeString(dir.resolve("rules.eb"), ""); // empty: no ebtables-restore needed, no problem
        frontend.answers.put("ip6tables-restore", new CommandFrontend.Result(2, "", "ip6tables-restore: line 2 failed\n"));
        BootState boot = new StateStore(dir, CLOCK).restore(frontend);

        assertEquals(new RecordingFrontend.Call("iptables-restore", List.of("--fail-closed-missing"), "*filter\n-A INPUT -j DROP\nCOMMIT\n"),
                frontend.calls().get(0));
        List<String> problems = boot.reasons();
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("rejected") && problems.get(0).contains("line 2 failed")
                && problems.get(0).contains("kept as rules.v6.rejected-20261207T010203Z")
                && problems.get(0).contains("no rules.v6.last-good"), problems.get(0));
        assertTrue(problems.get(1).contains("arptables-restore is not available"), problems.get(1));
        assertEquals(BootState.Outcome.CLOSED, boot.outcome());
        assertFalse(boot.portsMayOpen(), "no last good copy of rules.v6: the ports stay closed");
        assertTrue(boot.describe().startsWith("boot: FAILED CLOSED"), boot.describe());
        assertEquals("*filter\n-A INPUT -j BOGUS\nCOMMIT\n",
                Files.readString(dir.resolve("rules.v6.rejected-20261207T010203Z")), "the bad file is kept as it was");
        assertFalse(Files.exists(dir.resolve("rules.v6")));
        assertEquals("*filter\n-A INPUT -j DROP\nCOMMIT\n", Files.readString(dir.resolve("rules.v4.last-good")),
                "a file that loaded is kept as the last good copy");
        assertEquals(StateStore.OWNER_ONLY, Files.getPosixFilePermissions(dir.resolve("rules.v4.last-good")));
        assertEquals(StateStore.OWNER_ONLY, Files.getPosixFilePermissions(dir.resolve("rules.v4")),
                "a world-readable state file from an older version becomes owner-only");
        assertEquals(StateStore.OWNER_ONLY, Files.getPosixFilePermissions(dir.resolve("rules.v6.rejected-20261207T010203Z")));
    }

    @Test
    void aRejectedFileFallsBackToItsLastGoodCopyAndTheNextSaveWritesTheLiveRules() throws IOException {
        String good = "*filter\n:INPUT DROP [0:0]\nCOMMIT\n";
        String bad = "*filter\n:INPUT DROP [0:0]\n-A INPUT -m comment --comment \"a\nCOMMIT\n";
        Files.writeString(dir.resolve("rules.v4"), good);
        new StateStore(dir, CLOCK).restore(frontend);
        assertEquals(good, Files.readString(dir.resolve("rules.v4.last-good")));

        Files.writeString(dir.resolve("rules.v4"), bad);
        frontend.answer = c -> c.stdin() != null && c.stdin().contains("comment")
                ? new CommandFrontend.Result(2, "", "iptables-restore: line 3 failed\n")
                : new CommandFrontend.Result(0, c.command().endsWith("-save") ? good : "", "");
        StateStore s = new StateStore(dir, CLOCK);
        BootState boot = s.restore(frontend);
        assertEquals(BootState.Outcome.LAST_GOOD, boot.outcome(), boot.describe());
        assertTrue(boot.portsMayOpen());
        assertTrue(boot.reasons().get(0).contains("loaded rules.v4.last-good instead"), boot.describe());
        assertEquals(good, frontend.calls().get(frontend.calls().size() - 1).stdin(), "the last good copy was loaded");
        assertEquals(bad, Files.readString(dir.resolve("rules.v4.rejected-20261207T010203Z")));

        assertEquals(List.of(), s.save(frontend));
        assertEquals(good, Files.readString(dir.resolve("rules.v4")), "the live (last good) rules are saved again");
        assertEquals(good, Files.readString(dir.resolve("rules.v4.last-good")), "the last good copy is untouched");
    }

    @Test
    void aSecondRejectionNeverOverwritesTheFirst() throws IOException {
        frontend.answers.put("iptables-restore", new CommandFrontend.Result(2, "", "iptables-restore: line 1 failed\n"));
        Files.writeString(dir.resolve("rules.v4"), "first\n");
        new StateStore(dir, CLOCK).restore(frontend);
        Files.writeString(dir.resolve("rules.v4"), "second\n");
        new StateStore(dir, CLOCK).restore(frontend); // same second: the clock is fixed
        Files.writeString(dir.resolve("rules.v4"), "third\n");
        new StateStore(dir, CLOCK).restore(frontend);
        assertEquals("first\n", Files.readString(dir.resolve("rules.v4.rejected-20261207T010203Z")));
        assertEquals("second\n", Files.readString(dir.resolve("rules.v4.rejected-20261207T010203Z.1")));
        assertEquals("third\n", Files.readString(dir.resolve("rules.v4.rejected-20261207T010203Z.2")));
    }

    @Test
    void aStateFileThatIsNotUtf8IsRejectedNamingLineAndColumn() throws IOException {
        // A Latin-1 comment as a real iptables-save may leave it: "é" is the single byte 0xe9.
        byte[] latin1 = "*filter\n-A INPUT -m comment --comment caf\u00e9 -j DROP\nCOMMIT\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("rules.v4"), latin1);
        BootState boot = new StateStore(dir, CLOCK).restore(frontend);
        assertEquals(BootState.Outcome.CLOSED, boot.outcome());
        String why = boot.reasons().get(0);
        assertTrue(why.contains(dir.resolve("rules.v4") + ": line 2, column 34 (byte offset 41): not UTF-8 (byte 0xe9)"),
                why);
        assertEquals(List.of(), frontend.calls(), "nothing half-decoded reaches the core");
        assertTrue(Files.exists(dir.resolve("rules.v4.rejected-20261207T010203Z")));
    }

    @Test
    void savedFilesAreOwnerOnly() throws IOException {
        frontend.answers.put("iptables-save", new CommandFrontend.Result(0, "*filter\nCOMMIT\n", ""));
        StateStore s = new StateStore(dir);
        s.save(frontend);
        assertEquals(StateStore.OWNER_ONLY, Files.getPosixFilePermissions(dir.resolve("rules.v4")));
    }
}
