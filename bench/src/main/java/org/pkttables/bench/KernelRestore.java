package org.pkttables.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The kernel side of the restore comparison: the same gen_load file through {@code iptables-restore}
 * (nf_tables backend) and {@code iptables-legacy-restore} in a private network namespace, in the
 * same run as pkttables' figures. Needs root and the tools; otherwise says why and reports nothing.
 */
final class KernelRestore {
    private KernelRestore() {
    }

    /** Why the comparison cannot run here, or null when it can. */
    static String unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "not root";
        }
        for (String tool : new String[] { "/usr/sbin/ip", "/usr/sbin/iptables-restore", "/usr/sbin/iptables-legacy-restore" }) {
            if (!new File(tool).canExecute()) {
                return tool + " not found";
            }
        }
        return null;
    }

    /** Milliseconds (wall clock, including {@code ip netns exec}) to restore {@code rules} with {@code tool}. */
    static double restoreMs(String tool, int rules) throws IOException, InterruptedException {
        Path file = Files.createTempFile("pkttables-load-", ".ipt");
        String ns = "pkt-bench" + ThreadLocalRandom.current().nextInt(1_000_000);
        try {
            Files.writeString(file, KernelForms.load(rules));
            run(List.of("ip", "netns", "add", ns), null);
            long t0 = System.nanoTime();
            run(List.of("ip", "netns", "exec", ns, tool), file);
            return (System.nanoTime() - t0) / 1e6;
        } finally {
            run(List.of("ip", "netns", "del", ns), null);
            Files.deleteIfExists(file);
        }
    }

    private static void run(List<String> cmd, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException(String.join(" ", cmd) + " exited with " + rc);
        }
    }
}
