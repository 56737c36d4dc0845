package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * fail2ban (Debian's package) bans through the appliance by way of the command shims (issue 15,
 * acceptance 2). Router mode: client (10.0.1.2 and 10.0.1.3) -- appliance -- server (10.0.2.2, with HTTP
 * servers on port 22, standing in for sshd, and on port 80). A private fail2ban-server (its own copy of
 * /etc/fail2ban, its own socket, pid file and log; no systemd) runs the stock {@code sshd} jail with the
 * {@code polling} backend on a log file of the test's and the stock {@code iptables-multiport} action on
 * chain FORWARD, with the repository's {@code shims/} first on its PATH and {@code PKTTABLES_SOCKET} naming
 * the appliance. It runs in the appliance's namespace, whose kernel tables must stay empty: every
 * {@code iptables} call it makes reaches the appliance. Failed sshd logins appended to the log ban the
 * client's address: the rule is in the appliance's {@code iptables -S}, the client's connections to port 22
 * through the appliance are refused (REJECT, icmp-port-unreachable) while its port 80 and the other address
 * still get through; {@code fail2ban-client status sshd} lists the address; after bantime the rule is gone
 * and traffic passes; stopping fail2ban removes its chain. A second fail2ban with the real iptables in a
 * namespace of its own, fed the same lines, leaves the same filter table in the kernel as the first leaves
 * in the appliance (counters and comments aside), banned, unbanned and stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Fail2banShimsNetnsIT {
    private static final Path SHIMS = Proc.ROOT.resolve("shims");
    private static final int BANTIME = 6;
    private static final String PAGE = "pkttables fail2ban e2e\n";
    private static final String BANNED = "10.0.1.2";
    private static final String OTHER = "10.0.1.3";
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    @RegisterExtension
    static final Lab LAB = Lab.router().client(BANNED + "/24", OTHER + "/24").gateway("10.0.1.1/24")
            .server("10.0.2.2/24").gateway("10.0.2.1/24").packages("fail2ban", "iptables")
            .needs("fail2ban-server", "fail2ban-client", "curl", "python3", "iptables", "iptables-save");

    /** The fail2ban through the shims (in the appliance's namespace) and the one on the kernel's iptables. */
    private Fail2ban appliances;
    private Fail2ban kernels;
    private Netns kernelNet;
    private String kernelNs;
    private int sshPid = 1000;

    /** A private fail2ban-server: its folder (config, socket, pid file, its log, the sshd log it reads). */
    private record Fail2ban(String name, Path dir) {
        Path conf() {
            return dir.resolve("conf");
        }

        Path authLog() {
            return dir.resolve("auth.log");
        }

        Path socket() {
            return dir.resolve("f2b.sock");
        }

        /** {@code fail2ban-client -c CONF -s SOCKET ARGS...}. */
        Proc.Result client(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of("fail2ban-client", "-c", conf().toString(), "-s",
                    socket().toString()));
            cmd.addAll(List.of(args));
            return Proc.exec(cmd, null);
        }

        String log() throws Exception {
            Path f = dir.resolve("fail2ban.log");
            return Files.exists(f) ? Files.readString(f) : "(no fail2ban log)";
        }
    }

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        Files.writeString(LAB.home().resolve("index.html"), PAGE);
        LAB.httpServer("0.0.0.0", 22);
        LAB.httpServer("0.0.0.0", 80);
        assertEquals(PAGE, curl(BANNED, 22).out(), "the server answers on port 22 before any ban");

        appliances = configure("appliance");
        String path = SHIMS + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin";
        LAB.background("fail2ban-appliance", LAB.applianceNs(), "env", "PATH=" + path, "PKTTABLES_SOCKET="
                + LAB.appliance().socket(), "fail2ban-server", "-c", appliances.conf().toString(), "-s",
                appliances.socket().toString(), "-p", appliances.dir().resolve("f2b.pid").toString(), "-f", "-x");

        kernelNet = new Netns("f2bkernel");
        kernelNs = kernelNet.add("k");
        kernels = configure("kernel");
        kernelNet.background(kernels.dir(), "fail2ban-kernel", Netns.inNs(kernelNs, "env",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "fail2ban-server", "-c", kernels.conf().toString(), "-s",
                kernels.socket().toString(), "-p", kernels.dir().resolve("f2b.pid").toString(), "-f", "-x"));
        for (Fail2ban f : List.of(appliances, kernels)) {
            waitFor("fail2ban-server `" + f.name() + "' to answer and run the sshd jail", () -> f.client("status", "sshd")
                    .exit() == 0, 60);
        }
    }

    @AfterAll
    void end() {
        if (kernelNet != null) {
            kernelNet.close();
        }
    }

    /** A copy of /etc/fail2ban with the test's fail2ban.local and jail.local. */
    private Fail2ban configure(String name) throws Exception {
        Path dir = Files.createDirectories(LAB.home().resolve("fail2ban-" + name));
        Lab.sh("cp", "-r", "/etc/fail2ban", dir.resolve("conf").toString());
        Files.writeString(dir.resolve("conf/fail2ban.local"), String.join("\n", "[DEFAULT]", "loglevel = INFO",
                "logtarget = " + dir.resolve("fail2ban.log"), "socket = " + dir.resolve("f2b.sock"),
                "pidfile = " + dir.resolve("f2b.pid"), "dbfile = :memory:", ""));
        Files.writeString(dir.resolve("conf/jail.local"), String.join("\n", "[DEFAULT]",
                "banaction = iptables-multiport", "", "[sshd]", "enabled = true", "backend = polling",
                "logpath = " + dir.resolve("auth.log"), "chain = FORWARD", "bantime = " + BANTIME, "findtime = 600",
                "maxretry = 3", ""));
        Files.writeString(dir.resolve("auth.log"), "");
        return new Fail2ban(name, dir);
    }

    @Test
    @Order(1)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void failedLoginsBanTheAddressInTheApplianceUntilBantimeEnds() throws Exception {
        long fed = failedLogins(appliances, BANNED, 3);
        waitFor("the ban rule in the appliance", () -> appliance("-S").contains(banRule(BANNED)), 30);
        long banned = System.nanoTime();
        String rules = appliance("-S");
        assertTrue(rules.contains("-N f2b-sshd\n") && rules.contains("-A FORWARD -p tcp -m multiport --dports 22 -j "
                + "f2b-sshd\n") && rules.contains("-A f2b-sshd -j RETURN\n"), rules);
        String status = appliances.client("status", "sshd").out();
        assertTrue(status.contains("Currently banned:\t1") && bannedList(status).equals(List.of(BANNED)), status);

        Proc.Result refused = curl(BANNED, 22);
        assertEquals(7, refused.exit(), "port 22 from the banned address is refused (icmp-port-unreachable): "
                + refused.out() + refused.err());
        assertEquals(PAGE, curl(BANNED, 80).out(), "the banned address still reaches port 80");
        assertEquals(PAGE, curl(OTHER, 22).out(), "another address still reaches port 22");
        String listed = appliance("-L", "f2b-sshd", "-v", "-n", "-x");
        assertTrue(Readings.packets(listed, "REJECT") >= 1, "the ban rule counted the refused SYN: " + listed);

        waitFor("the unban after " + BANTIME + " s", () -> !appliance("-S").contains(banRule(BANNED)), BANTIME + 20);
        long unbanned = System.nanoTime();
        double unbannedAfter = (unbanned - fed) / 1e9;
        System.err.printf("Fail2banShimsNetnsIT: the ban in the appliance %.2f s after the third failed login, the unban"
                + " %.2f s after it (bantime %d s)%n", (banned - fed) / 1e9, unbannedAfter, BANTIME);
        // fail2ban counts bantime from the failure's time in the log (which it may read to the second)
        assertTrue(unbannedAfter >= BANTIME - 1.2, "not unbanned before bantime: " + unbannedAfter + " s");
        String after = appliances.client("status", "sshd").out();
        assertTrue(after.contains("Currently banned:\t0") && after.contains("Total banned:\t1")
                && bannedList(after).isEmpty(), after);
        assertEquals(PAGE, curl(BANNED, 22).out(), "traffic passes again after the unban");
        assertTrue(appliance("-S").contains("-A f2b-sshd -j RETURN\n"), "the jail's chain stays while fail2ban runs");
        assertKernelUntouched();
    }

    @Test
    @Order(2)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theSameBansLeaveTheSameFilterTableAsTheKernel() throws Exception {
        failedLogins(appliances, OTHER, 3);
        failedLogins(kernels, OTHER, 3);
        waitFor("the ban in the appliance", () -> appliance("-S").contains(banRule(OTHER)), 30);
        waitFor("the ban in the kernel", () -> kernel("iptables", "-S").contains(banRule(OTHER)), 30);
        assertEquals(kernelFilter(), applianceFilter(), "banned");
        assertEquals(List.of(OTHER), bannedList(kernels.client("status", "sshd").out()));
        assertEquals(List.of(OTHER), bannedList(appliances.client("status", "sshd").out()));
        assertEquals(7, curl(OTHER, 22).exit(), "the other address is refused now");
        assertEquals(PAGE, curl(BANNED, 22).out(), "the first one is not");
        waitFor("the unban in the appliance", () -> !appliance("-S").contains(banRule(OTHER)), BANTIME + 20);
        waitFor("the unban in the kernel", () -> !kernel("iptables", "-S").contains(banRule(OTHER)), BANTIME + 20);
        assertEquals(kernelFilter(), applianceFilter(), "unbanned");
        assertKernelUntouched();
    }

    @Test
    @Order(3)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stoppingFail2banRemovesItsChain() throws Exception {
        for (Fail2ban f : List.of(appliances, kernels)) {
            Proc.Result stop = f.client("stop");
            assertOk(stop);
            waitFor("fail2ban `" + f.name() + "' to end", () -> !Files.exists(f.socket()), 30);
        }
        String rules = appliance("-S");
        assertEquals("-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT\n", rules);
        assertEquals(kernelFilter(), applianceFilter(), "stopped");
        for (Fail2ban f : List.of(appliances, kernels)) {
            String log = f.log();
            assertFalse(log.contains(" ERROR "), "fail2ban `" + f.name() + "' logged no error:\n" + log);
        }
        assertKernelUntouched();
    }

    // ---- helpers ----

    /** Appends {@code n} sshd failed-password lines for {@code ip} to the jail's log; returns when (nanoTime). */
    private long failedLogins(Fail2ban f, String ip, int n) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sshPid++;
            lines.append(OffsetDateTime.now(ZoneOffset.UTC).format(ISO)).append(" lab sshd[").append(sshPid)
                    .append("]: Failed password for invalid user admin").append(i).append(" from ").append(ip)
                    .append(" port ").append(40000 + sshPid).append(" ssh2\n");
        }
        Files.writeString(f.authLog(), lines, StandardOpenOption.APPEND);
        return System.nanoTime();
    }

    private static String banRule(String ip) {
        return "-A f2b-sshd -s " + ip + "/32 -j REJECT --reject-with icmp-port-unreachable\n";
    }

    /** The addresses on the {@code Banned IP list:} line of {@code fail2ban-client status JAIL}. */
    private static List<String> bannedList(String status) {
        String list = status.lines().filter(l -> l.contains("Banned IP list:")).findFirst()
                .map(l -> l.substring(l.indexOf("list:") + 5).trim())
                .orElseThrow(() -> new AssertionError("no banned list: " + status));
        return list.isEmpty() ? List.of() : List.of(list.split("\\s+"));
    }

    /** {@code iptables ARGS...} through the shim, as fail2ban calls it; must succeed. */
    private static String appliance(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("env", "PKTTABLES_SOCKET=" + LAB.appliance().socket(),
                SHIMS.resolve("iptables").toString()));
        cmd.addAll(List.of(args));
        Proc.Result r = Proc.exec(cmd, null);
        assertOk(r);
        return r.out();
    }

    private String kernel(String... cmd) throws Exception {
        Proc.Result r = Netns.in(kernelNs, cmd);
        assertOk(r);
        return r.out();
    }

    private String applianceFilter() throws Exception {
        Proc.Result r = Proc.exec(List.of("env", "PKTTABLES_SOCKET=" + LAB.appliance().socket(),
                SHIMS.resolve("iptables-save").toString(), "-t", "filter"), null);
        assertOk(r);
        return withoutCommentsAndCounters(r.out());
    }

    private String kernelFilter() throws Exception {
        return withoutCommentsAndCounters(kernel("iptables-save", "-t", "filter"));
    }

    private static String withoutCommentsAndCounters(String save) {
        return save.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll(" \\[\\d+:\\d+\\]$", ""))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** fail2ban ran in the appliance's namespace: its kernel tables stay empty, every call went to the appliance. */
    private static void assertKernelUntouched() throws Exception {
        Proc.Result r = Netns.in(LAB.applianceNs(), "iptables-save");
        assertOk(r);
        assertFalse(r.out().contains("f2b"), "the kernel of the appliance's namespace got fail2ban's rules:\n" + r.out());
    }

    /** curl from the client's address {@code from} to the server's port. */
    private static Proc.Result curl(String from, int port) throws Exception {
        return LAB.inClient("curl", "-s", "-m", "4", "--interface", from, "http://10.0.2.2:" + port + "/index.html");
    }
}
