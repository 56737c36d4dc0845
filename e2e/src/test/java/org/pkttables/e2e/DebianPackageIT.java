package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Debian package (issue 14) on this machine, as root: {@code deb/build-deb} writes
 * {@code pkttables_VERSION_ARCH.deb} (ARCH: this machine's, with the shims' native client; all without it); {@code apt-get install ./…deb} installs it ({@code pkttables --version},
 * group {@code pkttables}, {@code systemd-analyze verify} on the unit, {@code man -l} renders pkttables(8) and
 * the generated pkttables-extensions(8), the bash completion offers the options of {@code -m tcp}); the
 * unit's own ExecStart runs the
 * packaged appliance, and a member of group {@code pkttables} (not root) runs {@code pkttables ctl iptables -S}
 * against {@code /run/pkttables/pkttables.sock} while a user outside it is refused; an edited conffile
 * survives a reinstall and an upgrade, and the saved state an upgrade; {@code dpkg -r} keeps the conffiles,
 * {@code dpkg --purge} removes them and {@code /var/lib/pkttables}. The command shims (issue 15) are in
 * {@code /usr/lib/pkttables/shims}, offered as update-alternatives choices for iptables, ip6tables,
 * arptables and ebtables at priority 1 (never chosen while Debian's own are there: the machine's
 * {@code /usr/sbin/iptables} stays what it was), reach the packaged appliance as a group member, and
 * their alternatives go with {@code dpkg -r}. Skips when not root, without
 * apt-get/dpkg-deb, or when pkttables is already installed (it must not touch a real installation); the
 * package, the temporary users and (when it made it) the group are removed after.
 */
class DebianPackageIT {
    private static final String VERSION = System.getProperty("pkttables.version");
    private static final String ID = Long.toString(ProcessHandle.current().pid());
    /** The package's architecture: this machine's when the build made the shims' native client, else all. */
    private static final String ARCH = arch();
    private static final String MEMBER = "pktdm" + ID;
    private static final String OUTSIDER = "pktdo" + ID;
    private static final Path CONF = Path.of("/etc/pkttables/rules.v4");

    private final List<List<String>> cleanup = new ArrayList<>();
    private Process appliance;

    @AfterEach
    void removeEverything() throws Exception {
        if (appliance != null) {
            appliance.descendants().forEach(ProcessHandle::destroyForcibly);
            appliance.destroyForcibly();
            appliance.waitFor(30, TimeUnit.SECONDS);
        }
        for (List<String> c : cleanup) {
            Proc.exec(c, null);
        }
    }

    @Test
    void installsUpgradesRemovesAndPurgesAsDebianPolicySays() throws Exception {
        assumeTrue(Lab.uid() == 0, "DebianPackageIT installs a package: needs root, skipped");
        assumeTrue(Lab.onPath("apt-get") && Lab.onPath("dpkg-deb") && Lab.onPath("useradd"),
                "DebianPackageIT needs apt-get, dpkg-deb and useradd, skipped");
        assumeTrue(Proc.exec(List.of("dpkg-query", "-W", "-f", "${Status}", "pkttables"), null).out().isEmpty(),
                "pkttables is installed on this machine: DebianPackageIT leaves it alone, skipped");
        assertFalse(VERSION == null || VERSION.isBlank(), "the e2e pom passes pkttables.version");
        boolean groupExisted = Proc.exec(List.of("getent", "group", "pkttables"), null).exit() == 0;
        cleanup.add(List.of("dpkg", "--purge", "pkttables"));
        if (!groupExisted) {
            cleanup.add(List.of("groupdel", "pkttables"));
        }

        Path deb = build(null);
        assertEquals("pkttables_" + VERSION.replace('-', '~') + "_" + ARCH + ".deb", deb.getFileName().toString());
        Map<String, String> before = new java.util.HashMap<>();
        for (String t : SHIM_ALTERNATIVES) {
            before.put(t, alternative(t));
        }
        apt(deb);
        shimsAreLowPriorityAlternatives(before);
        Proc.Result v = Proc.exec(List.of("/usr/bin/pkttables", "--version"), null);
        assertOk(v);
        assertEquals("pkttables " + VERSION + "\n", v.out());
        assertOk(Proc.exec(List.of("getent", "group", "pkttables"), null));
        assertEquals("/etc/pkttables/pkttables.conf\n/etc/pkttables/rules.v4\n/etc/pkttables/rules.v6",
                Proc.exec(List.of("dpkg-query", "-W", "-f", "${Conffiles}", "pkttables"), null).out().strip()
                        .replaceAll(" [0-9a-f]{32}", "").replaceAll("\n ", "\n"));
        Path unit = Path.of("/lib/systemd/system/pkttables.service");
        assertTrue(Files.isRegularFile(unit));
        // zsh's completion, from the same descriptors as bash's (CompletionIT loads it in zsh).
        assertTrue(Files.readString(Path.of("/usr/share/zsh/vendor-completions/_pkttables"))
                .startsWith("#compdef pkttables\n"));
        if (Lab.onPath("systemd-analyze")) {
            Proc.Result verify = Proc.exec(List.of("systemd-analyze", "verify", unit.toString()), null);
            assertEquals(0, verify.exit(), "systemd-analyze verify: " + verify.out() + verify.err());
            assertFalse((verify.out() + verify.err()).contains("pkttables.service"), verify.out() + verify.err());
        } else {
            System.err.println("DebianPackageIT: no systemd-analyze, the unit is not verified");
        }

        if (Lab.onPath("man")) {
            Proc.Result page = Proc.exec(List.of("env", "MANWIDTH=200", "man", "-l",
                    "/usr/share/man/man8/pkttables.8.gz"), null);
            assertOk(page);
            assertTrue(page.out().contains("--socket-group GROUP"), page.out());
            Proc.Result ext = Proc.exec(List.of("env", "MANWIDTH=200", "man", "-l",
                    "/usr/share/man/man8/pkttables-extensions.8.gz"), null);
            assertOk(ext);
            // Generated from the descriptors: the tcp match and its options, the LOG target's.
            assertTrue(ext.out().contains("tcp match (ipv4,ipv6; needs -p tcp)"), ext.out());
            assertTrue(ext.out().contains("[!] --dport, --destination-port port[:port]"), ext.out());
            assertTrue(ext.out().contains("--log-prefix prefix"), ext.out());
        } else {
            System.err.println("DebianPackageIT: no man, the man pages are not rendered");
        }

        // Bash completion, generated from the same descriptors: the tcp match's options after -m tcp.
        assertEquals("--dport --destination-port", complete("pkttables ctl iptables -A INPUT -p tcp -m tcp --d"));

        runTheUnitsExecStartAndUseCtlAsAGroupMember(unit);

        // An edited conffile stays through a reinstall and an upgrade; the saved state through the upgrade.
        Files.writeString(CONF, Files.readString(CONF) + "# edited by DebianPackageIT\n");
        apt(deb, "--reinstall");
        assertTrue(Files.readString(CONF).endsWith("# edited by DebianPackageIT\n"), "reinstall kept the edit");
        Path later = build(VERSION.replace('-', '~') + "+upgrade1");
        apt(later);
        assertEquals(VERSION.replace('-', '~') + "+upgrade1",
                Proc.exec(List.of("dpkg-query", "-W", "-f", "${Version}", "pkttables"), null).out());
        assertTrue(Files.readString(CONF).endsWith("# edited by DebianPackageIT\n"), "upgrade kept the edit");
        assertTrue(Files.isDirectory(Path.of("/var/lib/pkttables/state")), "upgrade kept the state");

        shimsAreLowPriorityAlternatives(before);
        assertOk(Proc.exec(List.of("dpkg", "-r", "pkttables"), null));
        for (String t : SHIM_ALTERNATIVES) {
            assertFalse(query(t).contains("/usr/lib/pkttables/shims/"), t + " alternatives after dpkg -r:\n" + query(t));
            assertEquals(before.get(t), alternative(t), "dpkg -r left the " + t + " link as it was");
        }
        assertFalse(Files.exists(Path.of("/usr/lib/pkttables/shims")));
        assertFalse(Files.exists(Path.of("/usr/bin/pkttables")));
        assertFalse(Files.exists(Path.of("/usr/share/pkttables/appliance.jar")));
        assertTrue(Files.readString(CONF).endsWith("# edited by DebianPackageIT\n"), "dpkg -r keeps conffiles");
        assertTrue(Files.exists(Path.of("/etc/pkttables/pkttables.conf")));

        assertOk(Proc.exec(List.of("dpkg", "--purge", "pkttables"), null));
        assertFalse(Files.exists(Path.of("/etc/pkttables")), "purge removes the conffiles");
        assertFalse(Files.exists(Path.of("/var/lib/pkttables")), "purge removes the state");
        String status = Proc.exec(List.of("dpkg-query", "-W", "-f", "${Status}", "pkttables"), null).out();
        assertFalse(status.contains(" installed") || status.contains("config-files"), status);
    }

    /** The service as systemd starts it (its ExecStart and Environment, without systemd), then ctl. */
    private void runTheUnitsExecStartAndUseCtlAsAGroupMember(Path unit) throws Exception {
        String execStart = null;
        for (String line : Files.readAllLines(unit)) {
            if (line.startsWith("ExecStart=")) {
                execStart = line.substring("ExecStart=".length());
            }
        }
        assertTrue(execStart != null && execStart.startsWith("/usr/bin/pkttables run "), execStart);
        ProcessBuilder pb = new ProcessBuilder(List.of(execStart.split(" "))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/DebianPackageIT-run.log").toFile()));
        pb.environment().putAll(Map.of("PKTTABLES_HOME", "/var/lib/pkttables"));
        appliance = pb.start();
        Path socket = Path.of("/run/pkttables/pkttables.sock");
        waitFor("the packaged appliance's socket " + socket, () -> Files.exists(socket, LinkOption.NOFOLLOW_LINKS), 120);
        PosixFileAttributes s = Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        assertEquals("rw-rw----", PosixFilePermissions.toString(s.permissions()));
        assertEquals("pkttables", s.group().getName());

        assertOk(Proc.exec(List.of("useradd", "-M", "-N", "-G", "pkttables", "-s", "/bin/sh", MEMBER), null));
        cleanup.add(0, List.of("userdel", MEMBER));
        assertOk(Proc.exec(List.of("useradd", "-M", "-N", "-s", "/bin/sh", OUTSIDER), null));
        cleanup.add(0, List.of("userdel", OUTSIDER));
        Proc.Result member = Proc.exec(List.of("runuser", "-u", MEMBER, "--", "pkttables", "ctl", "iptables", "-S"),
                null);
        assertOk(member);
        assertTrue(member.out().contains("-P INPUT ACCEPT"), member.out());
        Proc.Result outsider = Proc.exec(List.of("runuser", "-u", OUTSIDER, "--", "pkttables", "ctl", "iptables",
                "-S"), null);
        assertNotEquals(0, outsider.exit());
        assertTrue(outsider.err().contains("Permission denied"), outsider.err());

        // The shims find the packaged socket by themselves (no PKTTABLES_SOCKET), through the fast client.
        Proc.Result shim = Proc.exec(List.of("runuser", "-u", MEMBER, "--", "/usr/lib/pkttables/shims/iptables", "-w",
                "-A", "INPUT", "-s", "192.0.2.1", "-j", "DROP"), null);
        assertOk(shim);
        Proc.Result saved = Proc.exec(List.of("runuser", "-u", MEMBER, "--", "/usr/lib/pkttables/shims/iptables-save"),
                null);
        assertOk(saved);
        assertTrue(saved.out().contains("-A INPUT -s 192.0.2.1/32 -j DROP\n"), saved.out());
        Proc.Result refused = Proc.exec(List.of("runuser", "-u", OUTSIDER, "--", "/usr/lib/pkttables/shims/iptables",
                "-S"), null);
        assertEquals(4, refused.exit(), refused.err());
        assertTrue(refused.err().contains("/run/pkttables/pkttables.sock: Permission denied"), refused.err());

        // The chain names come from the running appliance.
        assertEquals("FORWARD", complete("pkttables ctl iptables -A F"));

        appliance.destroy();
        assertTrue(appliance.waitFor(60, TimeUnit.SECONDS), "the packaged appliance did not stop on SIGTERM");
        appliance = null;
    }

    private static final List<String> SHIM_ALTERNATIVES = List.of("iptables", "ip6tables", "arptables", "ebtables");

    /**
     * Each tool's alternatives offer the shim (its -save and -restore as slaves) at priority 1, and the
     * link is what it was before the package came (Debian's iptables-nft at 20 stays the choice).
     */
    private static void shimsAreLowPriorityAlternatives(Map<String, String> before) throws Exception {
        for (String t : SHIM_ALTERNATIVES) {
            String q = query(t);
            String shim = "/usr/lib/pkttables/shims/" + t;
            assertTrue(q.contains("Alternative: " + shim + "\nPriority: 1\nSlaves:\n " + t + "-restore " + shim
                    + "-restore\n " + t + "-save " + shim + "-save\n"), q);
            if (before.get(t) != null) {
                assertEquals(before.get(t), alternative(t), "installing pkttables changed the " + t + " link");
            }
            assertTrue(Files.isSymbolicLink(Path.of(shim)), shim);
            assertEquals(Path.of(ARCH.equals("all") ? "/usr/lib/pkttables/pkttables-ctl" : "/usr/lib/pkttables/pkttables-shim"),
                    Path.of(shim).toRealPath());
        }
        Proc.Result v = Proc.exec(List.of("/usr/lib/pkttables/shims/ip6tables-save", "--version"), null);
        assertOk(v);
        assertEquals("ip6tables-save v1.8.9 (pkttables)\n", v.out());
    }

    private static String arch() {
        Path shim = Proc.ROOT.resolve("bin/pkttables-shim");
        if (!Files.isRegularFile(shim, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return "all";
        }
        try {
            Proc.Result r = Proc.exec(List.of("dpkg", "--print-architecture"), null);
            return r.exit() == 0 ? r.out().strip() : "dpkg --print-architecture failed: " + r;
        } catch (Exception e) {
            return "dpkg --print-architecture failed: " + e;
        }
    }

    private static String query(String name) throws Exception {
        return Proc.exec(List.of("update-alternatives", "--query", name), null).out();
    }

    /** The alternative {@code name} is set to now, or null when there is no such group. */
    private static String alternative(String name) throws Exception {
        for (String line : query(name).lines().toList()) {
            if (line.startsWith("Value: ")) {
                return line.substring("Value: ".length());
            }
        }
        return null;
    }

    /** What the installed bash completion offers for the last word of {@code line}. */
    private static String complete(String line) throws Exception {
        String script = "source /usr/share/bash-completion/completions/pkttables\n"
                + "COMP_WORDS=(" + line + ")\nCOMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n_pkttables\n"
                + "echo \"${COMPREPLY[*]}\"\n";
        Proc.Result r = Proc.exec(List.of("bash", "-c", script), null);
        assertOk(r);
        return r.out().strip();
    }

    private static Path build(String debianVersion) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Proc.ROOT.resolve("deb/build-deb").toString(), VERSION));
        if (debianVersion != null) {
            cmd.add(debianVersion);
        }
        Proc.Result r = Proc.exec(cmd, null);
        assertOk(r);
        Path deb = Path.of(r.out().strip());
        assertTrue(Files.isRegularFile(deb), r.out());
        return deb;
    }

    private static void apt(Path deb, String... options) throws Exception {
        // No --force-conf* option: what dpkg does with an edited conffile by itself is what is tested.
        List<String> cmd = new ArrayList<>(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y",
                "-q"));
        cmd.addAll(List.of(options));
        cmd.add(deb.toString());
        Proc.Result r = Proc.exec(cmd, null);
        assertEquals(0, r.exit(), "apt-get install " + deb + ": " + r.out() + r.err());
    }
}
