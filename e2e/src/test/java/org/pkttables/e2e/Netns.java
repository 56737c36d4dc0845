package org.pkttables.e2e;

import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.sh0;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network namespaces of one lab, their veth pairs and the processes run in them. Names are unique on
 * the machine while this JVM runs (its pid and a counter), so labs of several test runs at the same time
 * never meet; {@link #close} ends the processes, whatever else still runs in the namespaces, and the
 * namespaces (their veths go with them). Never throws on close, so it runs to the end after a failure.
 */
final class Netns implements AutoCloseable {
    private static final AtomicInteger LABS = new AtomicInteger();

    private final String prefix;
    private final String id;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** @param prefix a word naming the lab's test in the namespace names ({@code ip netns list} shows it) */
    Netns(String prefix) {
        this.prefix = prefix.toLowerCase(Locale.ROOT);
        this.id = Long.toString(ProcessHandle.current().pid(), 36) + Integer.toString(LABS.incrementAndGet(), 36);
    }

    /** Makes namespace {@code pkt-PREFIX-ID-ROLE} with its loopback up. */
    String add(String role) throws Exception {
        String ns = "pkt-" + prefix + "-" + id + "-" + role;
        sh("ip", "netns", "add", ns);
        namespaces.add(ns);
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** An interface name unique on the machine (at most 15 bytes): {@code pID ROLE}. */
    String dev(String role) {
        return "p" + id + role;
    }

    /**
     * A veth pair made inside the namespaces (never in the caller's): {@code devA} in {@code nsA},
     * {@code devB} in {@code nsB}, each with its MAC address when one is given; both still down.
     */
    static void veth(String nsA, String devA, String macA, String nsB, String devB, String macB) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip", "-n", nsA, "link", "add", devA));
        if (macA != null) {
            cmd.addAll(List.of("address", macA));
        }
        cmd.addAll(List.of("type", "veth", "peer", "name", devB));
        if (macB != null) {
            cmd.addAll(List.of("address", macB));
        }
        cmd.addAll(List.of("netns", nsB));
        sh(cmd.toArray(new String[0]));
    }

    /** No IPv6 in a namespace (links made after it have none either): no DAD, MLD, solicitations. */
    static void noIpv6(String ns) throws Exception {
        sh("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1",
                "net.ipv6.conf.default.disable_ipv6=1");
    }

    /** A command inside a namespace ({@code ip netns exec NS ...}), waited for. */
    static Proc.Result in(String ns, String... cmd) throws Exception {
        return Proc.exec(inNs(ns, cmd), null);
    }

    /** {@code ip netns exec NS CMD...} as a command line. */
    static List<String> inNs(String ns, String... cmd) {
        List<String> l = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        l.addAll(List.of(cmd));
        return l;
    }

    /**
     * Starts a long-running command with its output appended to {@code dir/NAME.log}; {@link #close} ends
     * it.
     */
    Process background(Path dir, String name, List<String> cmd) throws IOException {
        return track(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())));
    }

    /** Starts {@code pb} (in the repository, no standard input) and ends it at {@link #close}. */
    Process track(ProcessBuilder pb) throws IOException {
        Process p = pb.directory(Proc.ROOT.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
                "/dev/null"))).start();
        processes.add(p);
        return p;
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        for (String ns : namespaces) {
            for (String pid : sh0("ip", "netns", "pids", ns).out().split("\\s+")) {
                if (!pid.isBlank()) {
                    sh0("kill", "-9", pid.trim());
                }
            }
            sh0("ip", "netns", "del", ns);
        }
        namespaces.clear();
    }
}
