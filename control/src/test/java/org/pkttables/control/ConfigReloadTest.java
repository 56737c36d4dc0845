package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend;
import org.pkttables.ext.matches.impl.CommentMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/**
 * {@link ConfigReload} against a real engine and the iptables tools: a reload replaces the rules with the
 * config's (a config of {@code -A} lines reloaded does not append them again; rules added since and tables
 * the config does not name are gone), and a reload that fails anywhere leaves every family as it was.
 */
class ConfigReloadTest {
    @TempDir
    Path dir;

    private final Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(),
            new CommentMatchType());
    private final CommandFrontend tools = h.frontend();

    private Path config(String text) throws IOException {
        return Files.writeString(dir.resolve("pkttables.conf"), text);
    }

    private String rules(String tool) {
        CommandFrontend.Result r = tools.run(tool, java.util.List.of("-S"), null);
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    /** A reload of {@code conf}, run once. */
    private ConfigReload loaded(Path conf) {
        ConfigReload reload = new ConfigReload(conf, tools);
        reload.reload();
        return reload;
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static final String COMMANDS = "# as a boot config of commands\n"
            + "iptables -N SSH\n"
            + "iptables -A SSH -p tcp --dport 22 -m comment --comment \"admin ssh\" -j ACCEPT\n"
            + "iptables -w 5 -A INPUT -j SSH\n"
            + "iptables -P INPUT DROP\n"
            + "iptables -L INPUT\n"
            + "ip6tables -t filter -A INPUT -p tcp --dport 22 -j ACCEPT\n"
            + "mode bridge eth1,eth2\n";

    @Test
    void aConfigOfCommandsReloadedTwiceHasItsRulesOnce() throws IOException {
        Path conf = config(COMMANDS);
        ConfigReload reload = new ConfigReload(conf, tools);
        String first = reload.reload();
        assertTrue(first.startsWith("reloaded " + conf), first);
        assertTrue(first.contains("not run again, a restart applies them: line 8 `mode bridge eth1,eth2'"), first);
        String v4 = rules("iptables");
        String v6 = rules("ip6tables");
        assertEquals("-P INPUT DROP\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n-N SSH\n-A INPUT -j SSH\n"
                + "-A SSH -p tcp -m tcp --dport 22 -m comment --comment \"admin ssh\" -j ACCEPT\n", v4);
        assertEquals(1, count(v6, "-A INPUT"), v6);

        String second = reload.reload();
        assertTrue(second.startsWith("reloaded " + conf), second);
        assertEquals(v4, rules("iptables"), "the -A lines replace the rules, not appended again");
        assertEquals(v6, rules("ip6tables"));
    }

    @Test
    void rulesAddedSinceAndTablesTheConfigDoesNotNameAreReplaced() throws IOException {
        ConfigReload reload = loaded(config(COMMANDS));
        String v4 = rules("iptables");
        assertEquals(0, tools.run("iptables", java.util.List.of("-A", "INPUT", "-s", "10.0.0.1", "-j", "DROP"), null)
                .exit());
        assertEquals(0, tools.run("iptables", java.util.List.of("-t", "mangle", "-A", "PREROUTING", "-p", "tcp",
                "--dport", "80", "-j", "ACCEPT"), null).exit());
        reload.reload();
        assertEquals(v4, rules("iptables"));
        String mangle = tools.run("iptables", java.util.List.of("-t", "mangle", "-S"), null).out();
        assertFalse(mangle.contains("-A "), "the config has no mangle rules: " + mangle);
    }

    @Test
    void restoreFilesReplaceTheirTablesAndLinesAfterThemAppend() throws IOException {
        Files.writeString(dir.resolve("rules.v4"), "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\nCOMMIT\n");
        Files.writeString(dir.resolve("extra.v4"), "*filter\n-A INPUT -p tcp --dport 443 -j ACCEPT\nCOMMIT\n");
        Path conf = config("iptables -A INPUT -p tcp --dport 8080 -j ACCEPT\n"
                + "iptables-restore rules.v4\n" // replaces filter: the 8080 rule before it is gone
                + "iptables -A INPUT -p tcp --dport 80 -j ACCEPT\n"
                + "iptables-restore --noflush extra.v4\n");
        ConfigReload reload = loaded(conf);
        String expected = "-P INPUT ACCEPT\n-P FORWARD DROP\n-P OUTPUT ACCEPT\n"
                + "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n"
                + "-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT\n";
        assertEquals(expected, rules("iptables"));
        reload.reload();
        assertEquals(expected, rules("iptables"));
    }

    @Test
    void aFailingReloadKeepsEveryFamilyAndNamesTheLine() throws IOException {
        Path conf = config(COMMANDS);
        ConfigReload reload = loaded(conf);
        String v4 = rules("iptables");
        String v6 = rules("ip6tables");
        // The IPv4 part would load (and differs); the IPv6 line fails: nothing of it stays.
        config("iptables -A INPUT -p tcp --dport 443 -j ACCEPT\n"
                + "ip6tables -A INPUT -p tcp --dport 22 -j ACCEPT\n"
                + "ip6tables -A INPUT -p tcp --dport nope -j ACCEPT\n");
        String failed = reload.reload();
        assertTrue(failed.startsWith("reload FAILED: " + conf + ": line 3 (ip6tables): "), failed);
        assertTrue(failed.contains("nope"), failed);
        assertTrue(failed.endsWith("; the previous ruleset is back"), failed);
        assertEquals(v4, rules("iptables"));
        assertEquals(v6, rules("ip6tables"));

        // A restore file that is not there: nothing runs at all.
        config("iptables -A INPUT -p tcp --dport 443 -j ACCEPT\niptables-restore missing.v4\n");
        failed = reload.reload();
        assertTrue(failed.startsWith("reload FAILED: " + conf + ": line 2: iptables-restore: cannot read "), failed);
        assertTrue(failed.endsWith("; nothing changed"), failed);
        assertEquals(v4, rules("iptables"));

        // A failing line inside a restore file is named by the config line and the file's line.
        Files.writeString(dir.resolve("bad.v4"), "*filter\n-A INPUT -p tcp --dport 22 -j ACCEPT\n"
                + "-A INPUT -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n");
        config("# the rules\niptables-restore bad.v4\n");
        failed = reload.reload();
        assertTrue(failed.startsWith("reload FAILED: " + conf + ": line 2 (iptables, bad.v4 line 3): "), failed);
        assertEquals(v4, rules("iptables"));

        // So is a word the parser cannot place (1.8.9 prints "Bad argument `frob'" without its version prefix).
        Files.writeString(dir.resolve("bad.v4"), "*filter\n-A INPUT -p tcp --dport 22 frob -j ACCEPT\nCOMMIT\n");
        failed = reload.reload();
        assertEquals("reload FAILED: " + conf + ": line 2 (iptables, bad.v4 line 2): Bad argument `frob'; "
                + "the previous ruleset is back", failed);
        assertEquals(v4, rules("iptables"));
    }
}
