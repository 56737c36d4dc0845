package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend;

class StateStoreTest {
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
    void restoreFeedsEachFileAndSetsRejectedOnesAside() throws IOException {
        Files.writeString(dir.resolve("rules.v4"), "*filter\n-A INPUT -j DROP\nCOMMIT\n");
        Files.writeString(dir.resolve("rules.v6"), "*filter\n-A INPUT -j BOGUS\nCOMMIT\n");
        Files.writeString(dir.resolve("rules.arp"), "*filter\nCOMMIT\n");
        frontend.answers.put("ip6tables-restore", new CommandFrontend.Result(2, "", "ip6tables-restore: line 2 failed\n"));
        List<String> problems = new StateStore(dir).restore(frontend);

        assertEquals(new RecordingFrontend.Call("iptables-restore", List.of("--fail-closed-missing"), "*filter\n-A INPUT -j DROP\nCOMMIT\n"),
                frontend.calls().get(0));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("rejected") && problems.get(0).contains("line 2 failed"), problems.get(0));
        assertTrue(problems.get(1).contains("arptables-restore is not available"), problems.get(1));
        assertTrue(Files.exists(dir.resolve("rules.v6.rejected")));
        assertFalse(Files.exists(dir.resolve("rules.v6")));
    }
}
