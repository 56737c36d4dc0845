package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shell completions the package installs, generated from one reading of the extension descriptors
 * ({@code deb/completion-data}): bash's ({@code deb/gen-bash-completion}) and zsh's
 * ({@code deb/gen-zsh-completion}, a {@code #compdef} function file) offer {@code --dport} after
 * {@code -p tcp -m tcp}, the matches after {@code -m}, the commands after {@code ctl}. zsh's is loaded in
 * zsh with its completion builtins stood in for (a shell without a terminal cannot complete); skipped
 * when zsh is not installed. (DebianPackageIT checks the installed bash one with a running appliance.)
 */
class CompletionIT {
    private static Path dir;
    private static Path data;

    @BeforeAll
    static void generate() throws Exception {
        dir = Files.createTempDirectory("pkt-e2e-completion-");
        data = dir.resolve("data");
        assertOk(Proc.exec(List.of(Proc.ROOT.resolve("deb/completion-data").toString(), data.toString()), null));
    }

    @AfterAll
    static void clean() throws Exception {
        Proc.exec(List.of("rm", "-rf", dir.toString()), null);
    }

    @Test
    void theDataHasTheDescriptorsOptions() throws Exception {
        List<String> lines = Files.readAllLines(data);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("options tcp ") && l.contains(" --dport")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("matches ") && l.contains(" tcp ")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("commands ") && l.contains(" iptables ")), lines.toString());
    }

    @Test
    void bashOffersTheOptionsOfTheMatchesOnTheLine() throws Exception {
        Path bash = dir.resolve("pkttables.bash");
        assertOk(Proc.exec(List.of(Proc.ROOT.resolve("deb/gen-bash-completion").toString(), bash.toString(),
                data.toString()), null));
        assertEquals("--dport", bash(bash, "pkttables ctl iptables -A INPUT -p tcp -m tcp --dp"));
        assertTrue(bash(bash, "pkttables ctl iptables -m t").contains("tcp"));
        assertEquals("run", bash(bash, "pkttables ru"));
    }

    @Test
    void zshLoadsItsCompletionAndOffersTheSame() throws Exception {
        assumeTrue(Lab.onPath("zsh"), "CompletionIT loads the zsh completion in zsh: zsh is not installed, skipped "
                + "(bin/pkttables-deps installs it)");
        Path zsh = dir.resolve("_pkttables");
        assertOk(Proc.exec(List.of(Proc.ROOT.resolve("deb/gen-zsh-completion").toString(), zsh.toString(),
                data.toString()), null));
        assertEquals("#compdef pkttables", Files.readAllLines(zsh).get(0));
        assertOk(Proc.exec(List.of("zsh", "-n", zsh.toString()), null));
        assertTrue(List.of(zsh(zsh, "pkttables ctl iptables -A INPUT -p tcp -m tcp --dp").split("\n"))
                .contains("--dport"));
        assertTrue(List.of(zsh(zsh, "pkttables ctl iptables -m t").split("\n")).contains("tcp"));
        assertTrue(List.of(zsh(zsh, "pkttables ctl ip").split("\n")).contains("iptables"));
        assertTrue(List.of(zsh(zsh, "pkttables r").split("\n")).contains("run"));
    }

    /** What bash's completion offers for the last word of {@code line}. */
    private static String bash(Path completion, String line) throws Exception {
        String script = "source " + completion + "\nCOMP_WORDS=(" + line + ")\n"
                + "COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n_pkttables\necho \"${COMPREPLY[*]}\"\n";
        Proc.Result r = Proc.exec(List.of("bash", "-c", script), null);
        assertOk(r);
        return r.out().strip();
    }

    /**
     * What zsh's completion function offers for the last word of {@code line}, one per line: the file is
     * run as zsh runs an autoloaded function, with {@code words} and {@code CURRENT} set as the completion
     * system sets them and {@code compadd} printing the words it would offer that start with the last one.
     */
    private static String zsh(Path completion, String line) throws Exception {
        String script = "compadd() { [[ $1 == -- ]] && shift; local w; for w in \"$@\"; do "
                + "[[ $w == ${words[CURRENT]}* ]] && print -r -- $w; done; return 0 }\n"
                + "_files() { print -r -- '<files>' }\n"
                + "words=(" + line + ")\nCURRENT=${#words}\n"
                + "source " + completion + "\n";
        Proc.Result r = Proc.exec(List.of("zsh", "-f", "-c", script), null);
        assertOk(r);
        return r.out().strip();
    }
}
