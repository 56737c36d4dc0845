package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small helpers the network-namespace labs share: commands, waits, tool and root checks. */
final class Lab {
    private Lab() {
    }

    /** A condition polled by {@link #waitFor}. */
    interface Check {
        boolean ok() throws Exception;
    }

    /** Runs a command that must succeed. */
    static Proc.Result sh(String... cmd) throws Exception {
        Proc.Result r = Proc.exec(List.of(cmd), null);
        assertEquals(0, r.exit(), String.join(" ", cmd) + ": " + r.err() + r.out());
        return r;
    }

    /** Runs a command whose failure is acceptable (clean-up); never throws. */
    static Proc.Result sh0(String... cmd) {
        try {
            return Proc.exec(List.of(cmd), null);
        } catch (IOException | InterruptedException e) {
            return new Proc.Result(-1, "", e.toString());
        }
    }

    static void assertOk(Proc.Result r) {
        assertEquals(0, r.exit(), "exit " + r.exit() + ": " + r.out() + r.err());
    }

    static void waitFor(String what, Check c) throws Exception {
        waitFor(what, c, 30);
    }

    /** Polls {@code c} every 200 ms for at most {@code seconds}; fails naming {@code what}. */
    static void waitFor(String what, Check c, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            if (c.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    /**
     * Skips the calling test unless the Debian packages are installed, with what is missing and the
     * apt-get line ({@code bin/pkttables-deps --check}, the project's one list of them, answers).
     */
    static void assumeInstalled(String test, String... packages) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Proc.ROOT.resolve("bin/pkttables-deps").toString(),
                "--check"));
        cmd.addAll(List.of(packages));
        Proc.Result r = Proc.exec(cmd, null);
        assertNotEquals(2, r.exit(), "bin/pkttables-deps does not know " + List.of(packages) + ": " + r.err());
        String why = test + " needs " + String.join(", ", packages) + ": skipped. " + r.err().trim();
        if (r.exit() != 0) {
            // Failsafe reports a class whose @BeforeAll skipped as 0 tests, without the message: say it here.
            System.err.println(why);
        }
        assumeTrue(r.exit() == 0, why);
    }

    static long uid() {
        try {
            return Long.parseLong(Proc.exec(List.of("id", "-u"), null).out().trim());
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Ends the lab: its processes (politely, then forcibly), whatever still runs in its namespaces, the
     * namespaces themselves and its scratch folder. Never throws, so it runs to the end after a failure.
     */
    static void tearDown(List<Process> processes, List<String> namespaces, Path home) throws InterruptedException {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (String ns : namespaces) {
            for (String pid : sh0("ip", "netns", "pids", ns).out().split("\\s+")) {
                if (!pid.isBlank()) {
                    sh0("kill", "-9", pid.trim());
                }
            }
            sh0("ip", "netns", "del", ns);
        }
        if (home != null) {
            sh0("rm", "-rf", home.toString());
        }
    }

    /** {@code bin/pkttables ctl} against the appliance whose socket is {@code home/ctl.sock}. */
    static Proc.Result ctl(Path home, String... args) throws Exception {
        List<String> l = new java.util.ArrayList<>(List.of(Proc.ROOT.resolve("bin/pkttables").toString(), "ctl",
                "--socket", home.resolve("ctl.sock").toString()));
        l.addAll(List.of(args));
        return Proc.exec(l, null);
    }

    /** A command inside a network namespace ({@code ip netns exec NS ...}), waited for. */
    static Proc.Result inNs(String ns, String... cmd) throws Exception {
        List<String> l = new java.util.ArrayList<>(List.of("ip", "netns", "exec", ns));
        l.addAll(List.of(cmd));
        return Proc.exec(l, null);
    }

    /**
     * Starts a long-running command with its output in {@code home/NAME.log}, registered in
     * {@code processes} so {@link #tearDown} ends it.
     */
    static Process background(Path home, List<Process> processes, String name, String... cmd) throws IOException {
        java.io.File out = home.resolve(name + ".log").toFile();
        Process p = new ProcessBuilder(cmd).directory(Proc.ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        processes.add(p);
        return p;
    }

    /** What a {@link #background} command wrote so far. */
    static String log(Path home, String name) throws IOException {
        Path f = home.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "(no " + name + " log)";
    }

    /**
     * The three-namespace lab: client {@code nsC}, appliance {@code nsF}, server {@code nsS} (registered in
     * {@code namespaces} for {@link #tearDown}), loopbacks up, and two veth pairs client {@code vC} --
     * {@code vF0} appliance {@code vF1} -- {@code vS} server, still down and without addresses.
     */
    static void threeNamespaces(List<String> namespaces, String nsC, String nsF, String nsS, String vC, String vF0,
            String vF1, String vS) throws Exception {
        for (String ns : List.of(nsC, nsF, nsS)) {
            sh("ip", "netns", "add", ns);
            namespaces.add(ns);
            sh("ip", "-n", ns, "link", "set", "lo", "up");
        }
        sh("ip", "link", "add", vC, "netns", nsC, "type", "veth", "peer", "name", vF0, "netns", nsF);
        sh("ip", "link", "add", vS, "netns", nsS, "type", "veth", "peer", "name", vF1, "netns", nsF);
    }

    /** No IPv6 in a namespace: its kernel then has no address at all on the appliance's ports. */
    static void noIpv6(String ns) throws Exception {
        sh("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
        sh("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
    }
}
