package org.pkttables.e2e;

import static org.pkttables.e2e.Lab.sh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A ufw installation of its own: Debian's ufw, run unchanged, with a copy of {@code /etc/ufw},
 * {@code /etc/default/ufw} and {@code /etc/alternatives} in a folder of the lab, bind-mounted over the
 * machine's in a private mount namespace for each call (and a tmpfs on {@code /run}, where ufw keeps its
 * lock), so the machine's own ufw settings stay untouched.
 *
 * <ul>
 * <li>{@link #kernel}: in a network namespace of the lab, with the real iptables (the oracle): ufw's
 * rules land in that namespace's kernel.
 * <li>{@link #appliance}: {@code /etc/alternatives} chooses the command shims for iptables, ip6tables and
 * their -save and -restore, as {@code update-alternatives --set iptables /usr/lib/pkttables/shims/iptables}
 * does on a machine with the Debian package (ufw calls {@code /usr/sbin/iptables} by its full path), and
 * {@code PKTTABLES_SOCKET} names the appliance. It runs in a network namespace of its own that ends with the
 * call, so the sysctls ufw writes never reach the machine's.
 * </ul>
 */
final class PrivateUfw {
    /** The tools ufw calls, whose alternatives the appliance's installation points at the shims. */
    static final List<String> XTABLES = List.of("iptables", "iptables-save", "iptables-restore", "ip6tables",
            "ip6tables-save", "ip6tables-restore");
    private static final Path SHIMS = Proc.ROOT.resolve("shims");
    /** The private mounts, then the command ({@code sh -c SCRIPT sh DIR ALTERNATIVES COMMAND...}). */
    private static final String MOUNTS = "set -e; d=$1; alt=$2; shift 2; "
            + "mount --bind \"$d/ufw\" /etc/ufw; mount --bind \"$d/default-ufw\" /etc/default/ufw; "
            + "if [ \"$alt\" = yes ]; then mount --bind \"$d/alternatives\" /etc/alternatives; fi; "
            + "mount -t tmpfs -o mode=0755 tmpfs /run; exec \"$@\"";
    private static final Pattern COUNTERS = Pattern.compile("\\[\\d+:\\d+\\]");

    private final Path dir;
    private final String ns;
    private final Path socket;

    private PrivateUfw(Path dir, String ns, Path socket) {
        this.dir = dir;
        this.ns = ns;
        this.socket = socket;
    }

    /** ufw in namespace {@code ns} with the real iptables; its files in {@code dir} (made here). */
    static PrivateUfw kernel(Path dir, String ns) throws Exception {
        copyTheMachines(dir);
        return new PrivateUfw(dir, ns, null);
    }

    /** ufw with the shims chosen, against the appliance at {@code socket}; its files in {@code dir}. */
    static PrivateUfw appliance(Path dir, Path socket) throws Exception {
        copyTheMachines(dir);
        sh("cp", "-a", "/etc/alternatives", dir.resolve("alternatives").toString());
        for (String t : XTABLES) {
            Path link = dir.resolve("alternatives").resolve(t);
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, SHIMS.resolve(t));
        }
        return new PrivateUfw(dir, null, socket);
    }

    /** ufw's files as the package installed them (ufw refuses files others than root may write). */
    private static void copyTheMachines(Path dir) throws Exception {
        Files.createDirectories(dir);
        sh("chmod", "755", dir.toString());
        sh("cp", "-a", "/etc/ufw", dir.resolve("ufw").toString());
        sh("cp", "-a", "/etc/default/ufw", dir.resolve("default-ufw").toString());
    }

    /** {@code ufw ARGS...}, {@code stdin} (or nothing) its standard input (the answer to its questions). */
    Proc.Result ufw(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ufw"));
        cmd.addAll(List.of(args));
        return run(stdin, cmd);
    }

    /** {@code TOOL-save} ({@code iptables-save}, {@code ip6tables-save}) as ufw's iptables sees it. */
    Proc.Result save(String tool) throws Exception {
        return run(null, List.of(tool + "-save"));
    }

    /** {@link #save} without its comments and with every counter {@code [0:0]}: what to compare. */
    String ruleset(String tool) throws Exception {
        Proc.Result r = save(tool);
        Lab.assertOk(r);
        return r.out().lines().filter(l -> !l.startsWith("#")).map(l -> COUNTERS.matcher(l).replaceAll("[0:0]"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    private Proc.Result run(String stdin, List<String> command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (ns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", ns, "unshare", "--mount", "--propagation", "private"));
        } else {
            cmd.addAll(List.of("env", "PKTTABLES_SOCKET=" + socket, "unshare", "--mount", "--net", "--propagation",
                    "private"));
        }
        cmd.addAll(List.of("sh", "-c", MOUNTS, "sh", dir.toString(), ns == null ? "yes" : "no"));
        cmd.addAll(command);
        return Proc.exec(cmd, stdin);
    }

    @Override
    public String toString() {
        return ns != null ? "ufw with the kernel's iptables in " + ns : "ufw with the shims against " + socket;
    }
}
