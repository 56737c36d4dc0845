package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command shims (issue 15): {@code shims/iptables}, {@code ip6tables}, {@code iptables-save},
 * {@code iptables-restore}, {@code ipset}, {@code conntrack} ... -- links to the shims' client
 * {@code bin/pkttables-shim} (native, or the perl {@code bin/pkttables-ctl}) named as the tools -- against a
 * running appliance found through {@code PKTTABLES_SOCKET}: changes, checks and listings; a save and restore round trip, through a pipe
 * too; exit codes and stderr of the real iptables 1.8.9 for its common errors (checked against the real
 * tool in a network namespace when run as root); concurrent calls that never interleave half a change;
 * {@code -w} waiting while the appliance is busy instead of failing; and {@code pkttables ctl} (the fast
 * client) answering exactly as the Java client. The shims lead to {@code bin/pkttables-shim}, the native client
 * (built with a C compiler) that answers iptables, ip6tables and arptables calls itself and hands the rest to
 * the perl one: both print and exit alike ({@link #theNativeShimAnswersAsThePerlClient}).
 */
class ShimsIT {
    private static final Path SHIMS = Proc.ROOT.resolve("shims");

    @RegisterExtension
    final Lab lab = Lab.launcher();
    private RunningAppliance appliance;

    @BeforeEach
    void start() throws Exception {
        appliance = lab.start("appliance");
    }

    /** {@code shims/TOOL ARGS...} with the lab's socket, {@code stdin} (or nothing) as its standard input. */
    private Proc.Result shimFed(String stdin, String tool, String... args) throws Exception {
        return Proc.exec(shimCommand(tool, args), stdin);
    }

    private Proc.Result shim(String tool, String... args) throws Exception {
        return shimFed(null, tool, args);
    }

    private List<String> shimCommand(String tool, String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "PKTTABLES_SOCKET=" + appliance.socket(),
                SHIMS.resolve(tool).toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void changesChecksAndListings() throws Exception {
        assertOk(shim("iptables", "-A", "INPUT", "-s", "10.0.0.1", "-p", "tcp", "--dport", "22", "-j", "ACCEPT"));
        assertOk(shim("iptables", "-w", "-A", "INPUT", "-s", "10.0.0.2", "-j", "DROP"));
        assertOk(shim("iptables", "-w", "5", "-C", "INPUT", "-s", "10.0.0.2", "-j", "DROP"));
        assertOk(shim("iptables", "--wait=5", "-C", "INPUT", "-s", "10.0.0.2/32", "-j", "DROP"));
        Proc.Result missing = shim("iptables", "-C", "INPUT", "-s", "10.0.0.3", "-j", "DROP");
        assertEquals(1, missing.exit());
        assertEquals("iptables: Bad rule (does a matching rule exist in that chain?).\n", missing.err());
        assertOk(shim("iptables-legacy", "-I", "INPUT", "1", "-i", "lo", "-j", "ACCEPT"));
        Proc.Result s = shim("iptables-nft", "-S", "INPUT");
        assertOk(s);
        assertEquals("-P INPUT ACCEPT\n-A INPUT -i lo -j ACCEPT\n"
                + "-A INPUT -s 10.0.0.1/32 -p tcp -m tcp --dport 22 -j ACCEPT\n-A INPUT -s 10.0.0.2/32 -j DROP\n", s.out());
        Proc.Result l = shim("iptables", "-n", "-L", "INPUT");
        assertOk(l);
        assertEquals("Chain INPUT (policy ACCEPT)", l.out().lines().findFirst().orElse(""));
        assertEquals(5, l.out().lines().count(), l.out());
        assertTrue(l.out().contains("10.0.0.2"), l.out());
        assertOk(shim("iptables", "-D", "INPUT", "-s", "10.0.0.2", "-j", "DROP"));
        assertEquals(1, shim("iptables", "-D", "INPUT", "-s", "10.0.0.2", "-j", "DROP").exit());
        assertOk(shim("ip6tables", "-A", "INPUT", "-s", "2001:db8::1", "-j", "DROP"));
        assertTrue(shim("ip6tables", "-S").out().contains("-A INPUT -s 2001:db8::1/128 -j DROP\n"));
        assertFalse(shim("iptables", "-S").out().contains("2001:db8"));
        assertOk(shim("arptables", "-A", "INPUT", "-s", "10.0.0.9", "-j", "DROP"));
        assertTrue(shim("arptables-save").out().contains("-A INPUT -j DROP -s 10.0.0.9\n"),
                shim("arptables-save").out());

        Proc.Result v = shim("iptables", "--version");
        assertOk(v);
        assertEquals("iptables v1.8.9 (pkttables)\n", v.out());
        assertEquals("ip6tables-restore v1.8.9 (pkttables)\n", shim("ip6tables-restore", "-V").out());
        assertEquals("ebtables 1.8.9 (pkttables)\n", shim("ebtables", "--version").out());
    }

    @Test
    void saveAndRestoreRoundTripThroughAPipe() throws Exception {
        Path rules = lab.home().resolve("rules.v4");
        Files.writeString(rules, String.join("\n", "*filter", ":INPUT DROP [0:0]", ":FORWARD ACCEPT [0:0]",
                ":OUTPUT ACCEPT [0:0]", ":ssh - [0:0]", "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
                "-A INPUT -p tcp -m tcp --dport 22 -j ssh",
                "-A ssh -s 192.0.2.0/24 -m comment --comment \"the admins' net\" -j ACCEPT", "-A ssh -j DROP", "COMMIT",
                "*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]",
                ":POSTROUTING ACCEPT [0:0]", "-A POSTROUTING -s 10.0.0.0/8 -j MASQUERADE", "COMMIT", ""));
        assertOk(shim("iptables-restore", "-w", "5", rules.toString()));
        Proc.Result first = shim("iptables-save");
        assertOk(first);
        // (iptables-save 1.8.9 escapes the quote too)
        assertTrue(first.out().contains("-A ssh -s 192.0.2.0/24 -m comment --comment \"the admins\\' net\" -j ACCEPT\n"),
                first.out());
        // Empty the tables, then the save back through a pipe, as `iptables-save | iptables-restore` runs it.
        assertOk(shimFed("*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n*nat\nCOMMIT\n", "iptables-restore"));
        assertEquals("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n", shim("iptables", "-S").out());
        Path saved = lab.home().resolve("saved.v4");
        Files.writeString(saved, first.out());
        Proc.Result pipe = Proc.exec(List.of("sh", "-c", "cat \"$1\" | env PKTTABLES_SOCKET=\"$2\" \"$3\"/iptables-restore -w 5",
                "sh", saved.toString(), appliance.socket().toString(), SHIMS.toString()), null);
        assertOk(pipe);
        assertEquals(withoutDates(first.out()), withoutDates(shim("iptables-save").out()));
        // And in one pipe from the appliance to the appliance, as ufw's scripts do.
        Proc.Result loop = Proc.exec(List.of("sh", "-c", "export PKTTABLES_SOCKET=\"$1\"; \"$2\"/iptables-save -c | "
                + "\"$2\"/iptables-restore -c", "sh", appliance.socket().toString(), SHIMS.toString()), null);
        assertOk(loop);
        assertEquals(withoutDates(first.out()), withoutDates(shim("iptables-save").out()));
        // A file that is not there: the restore's own message, nothing changed.
        Proc.Result none = shim("iptables-restore", lab.home().resolve("nonexistent").toString());
        assertEquals(1, none.exit());
        assertEquals("iptables-restore: cannot open " + lab.home().resolve("nonexistent") + ": no such file\n", none.err());
    }

    private static String withoutDates(String save) {
        return save.lines().filter(x -> !x.startsWith("# ")).collect(Collectors.joining("\n"));
    }

    /**
     * Exit code and stderr of the real iptables 1.8.9 (nf_tables) for its common errors, recorded here;
     * as root with the real tool installed, each is checked against it in a fresh network namespace too.
     */
    @Test
    void errorsAsTheRealIptables() throws Exception {
        String tryHelp = "Try `iptables -h' or 'iptables --help' for more information.\n";
        String badRule = "iptables: Bad rule (does a matching rule exist in that chain?).\n";
        List<Object[]> cases = List.of(
                new Object[] { 1, badRule, List.of("-C", "INPUT", "-s", "192.0.2.5", "-j", "DROP") },
                new Object[] { 1, badRule, List.of("-D", "INPUT", "-s", "192.0.2.5", "-j", "DROP") },
                new Object[] { 1, "iptables: No chain/target/match by that name.\n", List.of("-A", "NOPE", "-j", "DROP") },
                new Object[] { 1, "iptables: No chain/target/match by that name.\n", List.of("-D", "OUTPUT", "9") },
                new Object[] { 1, "iptables: Index of deletion too big.\n", List.of("-D", "INPUT", "9") },
                new Object[] { 1, "iptables: Index of replacement too big.\n", List.of("-R", "INPUT", "3", "-j",
                        "ACCEPT") },
                new Object[] { 1, "iptables: Index of insertion too big.\n", List.of("-I", "INPUT", "5", "-j", "ACCEPT") },
                new Object[] { 1, "iptables: Chain already exists.\n", List.of("-N", "mine") },
                new Object[] { 2, "iptables v1.8.9 (nf_tables): unknown option \"--bogus\"\n" + tryHelp,
                        List.of("-A", "INPUT", "--bogus") },
                new Object[] { 2, "iptables v1.8.9 (nf_tables): no command specified\n" + tryHelp, List.of() },
                new Object[] { 2, "iptables v1.8.9 (nf_tables): wait seconds not numeric\n" + tryHelp,
                        List.of("-w", "abc", "-S") },
                new Object[] { 2, "Ignoring deprecated --wait-interval option.\niptables v1.8.9 (nf_tables): --wait-interval"
                        + " only makes sense with --wait\n\n" + tryHelp, List.of("-W", "5", "-S") },
                // what fail2ban's iptables actions run into
                new Object[] { 1, badRule, List.of("-w", "-C", "f2b-sshd", "-j", "RETURN") },
                new Object[] { 2, "iptables v1.8.9 (nf_tables): Chain 'f2b-sshd' does not exist\n" + tryHelp,
                        List.of("-w", "-I", "INPUT", "-p", "tcp", "-m", "multiport", "--dports", "ssh", "-j", "f2b-sshd") },
                new Object[] { 2, "iptables v1.8.9 (nf_tables): invalid port/service `nosuch' specified\n" + tryHelp,
                        List.of("-I", "INPUT", "-p", "tcp", "-m", "multiport", "--dports", "ssh,nosuch", "-j", "DROP") },
                new Object[] { 4, "iptables v1.8.9 (nf_tables):  CHAIN_DEL failed (Device or resource busy): chain mine\n",
                        List.of("-w", "-X", "mine") },
                new Object[] { 1, "iptables v1.8.9 (nf_tables): chain `nope' in table `filter' is incompatible, use 'nft'"
                        + " tool.\n", List.of("-S", "nope") });
        List<String> setup = List.of("-N mine", "-A INPUT -s 192.0.2.1/32 -j ACCEPT", "-A mine -j RETURN");
        for (String line : setup) {
            assertOk(shim("iptables", line.split(" ")));
        }
        List<String> differences = new ArrayList<>();
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            List<String> args = (List<String>) c[2];
            Proc.Result r = shim("iptables", args.toArray(new String[0]));
            if (r.exit() != (int) c[0] || !r.err().equals(c[1])) {
                differences.add("iptables " + String.join(" ", args) + ": exit " + r.exit() + ", stderr:\n" + r.err()
                        + "  wanted exit " + c[0] + ", stderr:\n" + c[1]);
            }
            assertEquals("", r.out(), "iptables " + args);
        }
        assertTrue(differences.isEmpty(), String.join("\n", differences));

        if (Lab.uid() != 0 || !Lab.onPath("iptables")) {
            System.err.println("ShimsIT: not root or no iptables: the recorded errors are not checked against the real one");
            return;
        }
        try (Netns net = new Netns("shims")) {
            String ns = net.add("x");
            for (String line : setup) {
                List<String> cmd = new ArrayList<>(List.of("iptables"));
                cmd.addAll(List.of(line.split(" ")));
                assertOk(Netns.in(ns, cmd.toArray(new String[0])));
            }
            for (Object[] c : cases) {
                @SuppressWarnings("unchecked")
                List<String> args = (List<String>) c[2];
                List<String> cmd = new ArrayList<>(List.of("iptables"));
                cmd.addAll(args);
                Proc.Result real = Netns.in(ns, cmd.toArray(new String[0]));
                assertEquals(c[0], real.exit(), "the real " + cmd);
                assertEquals(c[1], real.err(), "the real " + cmd);
            }
        }
    }

    @Test
    void ipsetAndConntrack() throws Exception {
        assertOk(shim("ipset", "create", "blocked", "hash:ip"));
        assertOk(shim("ipset", "add", "blocked", "192.0.2.7"));
        assertOk(shim("ipset", "test", "blocked", "192.0.2.7"));
        assertEquals(1, shim("ipset", "test", "blocked", "192.0.2.8").exit());
        assertOk(shim("iptables", "-w", "-A", "INPUT", "-m", "set", "--match-set", "blocked", "src", "-j", "DROP"));
        assertEquals("blocked\n", shim("ipset", "list", "-n").out());
        Proc.Result save = shim("ipset", "save");
        assertOk(save);
        assertTrue(save.out().startsWith("create blocked hash:ip ") && save.out().contains("\nadd blocked 192.0.2.7\n"),
                save.out());
        // ipset restore -file: a file of the caller's, opened by the client.
        Path sets = lab.home().resolve("sets.txt");
        Files.writeString(sets, "create more hash:net\nadd more 198.51.100.0/24\n");
        assertOk(shim("ipset", "restore", "-file", sets.toString()));
        assertOk(shim("ipset", "test", "more", "198.51.100.9"));
        Path out = lab.home().resolve("saved.ipset");
        assertOk(shim("ipset", "save", "-file", out.toString()));
        assertTrue(Files.readString(out).contains("add more 198.51.100.0/24\n"), Files.readString(out));

        Proc.Result ct = shim("conntrack", "-L");
        assertOk(ct);
        assertEquals("", ct.out());
        assertTrue(ct.err().contains("0 flow entries have been shown."), ct.err());
        assertEquals("conntrack v1.4.7 (pkttables)\n", shim("conntrack", "-V").out());
    }

    /**
     * Twenty appends at once, a whole restore and readers among them: every reader sees the restore's
     * chain whole or not at all, every append lands once or (when the restore came after it) not at all.
     */
    @Test
    void concurrentCallsNeverInterleaveHalfAChange() throws Exception {
        StringBuilder big = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + ":big - [0:0]\n-A INPUT -j big\n");
        for (int i = 0; i < 300; i++) {
            big.append("-A big -s 10.1.").append(i >> 8).append('.').append(i & 255).append("/32 -j ACCEPT\n");
        }
        big.append("COMMIT\n");
        Path file = lab.home().resolve("big.v4");
        Files.writeString(file, big);
        Path dir = Files.createDirectory(lab.home().resolve("concurrent"));
        List<Process> writers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Process> readers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writers.add(start(dir, "append" + i, shimCommand("iptables", "-w", "-A", "INPUT", "-s", "10.2.0." + i, "-j",
                    "DROP")));
            names.add("append" + i);
            if (i == 10) {
                writers.add(start(dir, "restore", shimCommand("iptables-restore", "--wait=10", file.toString())));
                names.add("restore");
            }
            if (i % 2 == 0) {
                readers.add(start(dir, "save" + i, shimCommand("iptables-save")));
            }
        }
        for (Process p : writers) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a shim call did not finish");
        }
        for (int i = 0; i < writers.size(); i++) {
            assertEquals(0, writers.get(i).exitValue(), names.get(i) + ": " + Files.readString(dir.resolve(names.get(i)
                    + ".err")));
        }
        for (Process p : readers) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a save did not finish");
            assertEquals(0, p.exitValue());
        }
        for (int i = 0; i < 20; i += 2) {
            checkConsistent(Files.readString(dir.resolve("save" + i + ".out")), false);
        }
        checkConsistent(shim("iptables-save").out(), true);
    }

    private static Process start(Path dir, String name, List<String> cmd) throws Exception {
        return new ProcessBuilder(cmd).directory(Proc.ROOT.toFile()).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        new java.io.File("/dev/null"))).start();
    }

    /** The restore's chain whole or absent, the jump to it once, every append at most once. */
    private static void checkConsistent(String save, boolean restored) {
        List<String> lines = save.lines().toList();
        long bigRules = lines.stream().filter(x -> x.startsWith("-A big ")).count();
        long jumps = lines.stream().filter(x -> x.equals("-A INPUT -j big")).count();
        boolean chain = lines.contains(":big - [0:0]");
        assertTrue(bigRules == 0 && jumps == 0 && !chain || bigRules == 300 && jumps == 1 && chain,
                "a half restore: chain " + chain + ", " + bigRules + " rules in it, " + jumps + " jumps:\n" + save);
        assertTrue(!restored || chain, "the restore is not in the final ruleset:\n" + save);
        List<String> appended = lines.stream().filter(x -> x.startsWith("-A INPUT -s 10.2.0.")).toList();
        Set<String> distinct = new HashSet<>(appended);
        assertEquals(distinct.size(), appended.size(), "an append landed twice:\n" + save);
        if (restored) {
            // The restore put the jump first; the appends that came after it follow it.
            List<String> input = lines.stream().filter(x -> x.startsWith("-A INPUT ")).toList();
            assertEquals("-A INPUT -j big", input.get(0), save);
        }
    }

    /**
     * The appliance at its connection limit is the xtables lock held: without {@code -w} a shim fails at
     * once (exit 4, iptables' message), {@code -w 1} gives up after a second, {@code -w} waits until the
     * appliance answers and then succeeds.
     */
    @Test
    void waitsWhileTheApplianceIsBusyWithW() throws Exception {
        List<SocketChannel> held = new ArrayList<>();
        Process waiting;
        try {
            // 64 connections (the default maxConnections) that said hello and nothing more hold every slot.
            for (int i = 0; i < 64; i++) {
                SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(appliance.socket()));
                c.write(ByteBuffer.allocate(9).put((byte) 'P').putInt(4).putInt(0x504B5432).flip());
                held.add(c);
            }
            Lab.waitFor("the appliance to answer busy", () -> shim("iptables", "-S").exit() == 4, 30);
            Proc.Result failing = shim("iptables", "-S");
            assertEquals(4, failing.exit());
            assertEquals("Another app is currently holding the xtables lock. Perhaps you want to use the -w option?\n",
                    failing.err());
            Proc.Result gaveUp = shim("iptables", "-w", "1", "-S");
            assertEquals(4, gaveUp.exit());
            assertEquals("Another app is currently holding the xtables lock. Stopped waiting after 1s.\n", gaveUp.err());
            // ctl (not a shim) says busy as it always did: exit 75.
            Proc.Result ctl = appliance.ctl("iptables", "-S");
            assertEquals(75, ctl.exit(), ctl.err());
            assertTrue(ctl.err().startsWith("pkttables: busy: "), ctl.err());

            waiting = lab.background(new ProcessBuilder(shimCommand("iptables", "-w", "-A", "INPUT", "-s", "10.3.0.1",
                    "-j", "ACCEPT")).redirectOutput(lab.home().resolve("waiting.out").toFile())
                    .redirectError(lab.home().resolve("waiting.err").toFile()));
            // It cannot finish while every slot is held: it is still waiting, not failed.
            assertFalse(waiting.waitFor(1500, TimeUnit.MILLISECONDS), "the -w call ended while the appliance was busy: "
                    + Files.readString(lab.home().resolve("waiting.err")));
        } finally {
            for (SocketChannel c : held) {
                c.close();
            }
        }
        assertTrue(waiting.waitFor(60, TimeUnit.SECONDS), "the -w call did not finish once the appliance was free");
        assertEquals(0, waiting.exitValue(), Files.readString(lab.home().resolve("waiting.err")));
        assertOk(shim("iptables", "-C", "INPUT", "-s", "10.3.0.1", "-j", "ACCEPT"));
    }

    /** {@code pkttables ctl} (the fast client) prints and exits exactly as the Java client ({@code PKTTABLES_CTL=java}). */
    @Test
    void theFastCtlAnswersAsTheJavaOne() throws Exception {
        assumeTrue(Lab.onPath("perl"), "no perl: ctl runs the Java client only, nothing to compare");
        Path rules = lab.home().resolve("r.v4");
        Files.writeString(rules, "*filter\n-A INPUT -s 192.0.2.1 -j DROP\nCOMMIT\n");
        Path latin1 = lab.home().resolve("latin1.v4");
        Files.write(latin1, "*filter\n-A INPUT -m comment --comment \"caf\u00e9\" -j DROP\nCOMMIT\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        List<List<String>> commands = List.of(List.of("iptables-restore", rules.toString()), List.of("iptables", "-S"),
                List.of("iptables", "-C", "INPUT", "-s", "192.0.2.9", "-j", "DROP"), List.of("iptables", "-Q"),
                List.of("nosuch", "x"), List.of("iptables-restore", "/nonexistent/rules"),
                List.of("iptables-restore", latin1.toString()), List.of("iptables-restore", "a", "b"),
                List.of("ipset", "save", "-file", "/nonexistent/dir/f"), List.of("ping"));
        for (List<String> c : commands) {
            Proc.Result fast = Proc.exec(RunningAppliance.ctlCommand(appliance.socket(), c.toArray(new String[0])), null);
            List<String> java = new ArrayList<>(List.of("env", "PKTTABLES_CTL=java"));
            java.addAll(RunningAppliance.ctlCommand(appliance.socket(), c.toArray(new String[0])));
            Proc.Result slow = Proc.exec(java, null);
            assertEquals(slow, fast, "ctl " + c);
        }
        // Standard input of a restore, and nothing to reach.
        String stdin = "*filter\n-A INPUT -s 192.0.2.2 -j DROP\nCOMMIT\n";
        Proc.Result fast = Proc.exec(RunningAppliance.ctlCommand(appliance.socket(), "iptables-restore", "--noflush"),
                stdin);
        assertOk(fast);
        assertTrue(appliance.ctl("iptables", "-S").out().contains("-A INPUT -s 192.0.2.2/32 -j DROP\n"));
        Path gone = lab.home().resolve("gone.sock");
        Proc.Result none = Proc.exec(RunningAppliance.ctlCommand(gone, "ping"), null);
        List<String> java = new ArrayList<>(List.of("env", "PKTTABLES_CTL=java"));
        java.addAll(RunningAppliance.ctlCommand(gone, "ping"));
        assertEquals(Proc.exec(java, null), none);
        assertEquals(4, none.exit());
    }

    /**
     * The native client in front of the shims ({@code bin/pkttables-shim}) prints and exits exactly as the perl
     * client does for the same calls, those it answers itself and those it hands to perl; with strace on the
     * machine, it is seen to answer an {@code iptables -S} without starting perl and to hand {@code -V} over.
     */
    @Test
    void theNativeShimAnswersAsThePerlClient() throws Exception {
        Path nativeShim = Proc.ROOT.resolve("bin/pkttables-shim");
        assumeTrue(Files.isRegularFile(nativeShim, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                "bin/pkttables-shim is the perl client (no C compiler at build time): nothing to compare");
        assertEquals(nativeShim.toRealPath(), SHIMS.resolve("iptables").toRealPath());
        assertOk(shim("iptables", "-N", "f2b-sshd"));
        assertOk(shim("iptables", "-A", "INPUT", "-s", "192.0.2.1", "-p", "tcp", "-m", "multiport", "--dports", "22,80",
                "-j", "f2b-sshd"));
        assertOk(shim("ip6tables", "-A", "INPUT", "-s", "2001:db8::1", "-j", "DROP"));
        List<List<String>> calls = List.of(List.of("iptables", "-S"), List.of("iptables", "-L", "-n", "-v", "-x"),
                List.of("iptables-nft", "-L", "INPUT", "-n", "--line-numbers"),
                List.of("iptables", "-C", "INPUT", "-s", "192.0.2.1", "-p", "tcp", "-m", "multiport", "--dports", "22,80",
                        "-j", "f2b-sshd"),
                List.of("iptables", "-C", "INPUT", "-s", "192.0.2.2", "-j", "DROP"), List.of("iptables", "-A", "INPUT",
                        "--bogus"), List.of("iptables", "-X", "nosuch"), List.of("iptables", "-N", "f2b-sshd"),
                List.of("iptables"), List.of("iptables", "-h"), List.of("iptables", "-V"), List.of("iptables", "-w", "-S"),
                List.of("iptables", "--wait=5", "-S", "INPUT"), List.of("iptables", "-w", "2", "-C", "INPUT", "-s",
                        "192.0.2.1", "-j", "DROP"), List.of("iptables", "-w5", "-L", "-n"),
                List.of("iptables", "-w", "soon", "-S"), List.of("iptables", "-W", "5", "-S"),
                List.of("ip6tables", "-S"), List.of("ip6tables-legacy", "-L", "-n"), List.of("arptables", "-L"),
                List.of("iptables", "-t", "nosuch", "-S"), List.of("iptables-save"), List.of("ipset", "list"));
        for (List<String> c : calls) {
            Proc.Result viaNative = shim(c.get(0), c.subList(1, c.size()).toArray(new String[0]));
            List<String> perl = new ArrayList<>(List.of("env", "PKTTABLES_SOCKET=" + appliance.socket(),
                    "PKTTABLES_SHIM=" + c.get(0), "perl", Proc.ROOT.resolve("bin/pkttables-ctl").toString()));
            perl.addAll(c.subList(1, c.size()));
            assertEquals(Proc.exec(perl, null), viaNative, String.join(" ", c));
        }
        // Nothing to reach: the same words and exit code (the native client hands the failure to perl).
        String gone = lab.home().resolve("gone.sock").toString();
        Proc.Result none = Proc.exec(List.of("env", "PKTTABLES_SOCKET=" + gone, SHIMS.resolve("iptables").toString(), "-S"),
                null);
        assertEquals(4, none.exit());
        assertEquals(Proc.exec(List.of("env", "PKTTABLES_SOCKET=" + gone, "PKTTABLES_SHIM=iptables", "perl",
                Proc.ROOT.resolve("bin/pkttables-ctl").toString(), "-S"), null), none);
        if (Lab.onPath("strace")) {
            Proc.Result traced = Proc.exec(List.of("env", "PKTTABLES_SOCKET=" + appliance.socket(), "strace", "-f", "-e",
                    "trace=execve", SHIMS.resolve("iptables").toString(), "-S"), null);
            assertOk(traced);
            assertFalse(traced.err().contains("perl"), "the native client started perl for iptables -S:\n" + traced.err());
            Proc.Result handed = Proc.exec(List.of("strace", "-f", "-e", "trace=execve", SHIMS.resolve("iptables").toString(),
                    "-V"), null);
            assertOk(handed);
            assertTrue(handed.err().contains("perl"), "iptables -V is perl's to answer:\n" + handed.err());
        }
    }
}
