package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pkttables demo} on a machine that cannot run the network-namespace lab falls back to the
 * offline replay and says why. The machine without libpcap is simulated as root: a private mount namespace
 * (the host sees nothing of it) in which an empty file stands in for every libpcap the loader could find,
 * and a private network namespace with no interfaces, so apt-get cannot reach a mirror. The same
 * simulation shows the two messages the tests that need libpcap skip with.
 */
class DemoFallbackIT {
    private static final String BIN = Proc.ROOT.resolve("bin/pkttables").toString();

    /** The offline replay's verdict summary (demo/demo.pcap through demo/rules.v4 and rules.v6). */
    private static final String OFFLINE_VERDICTS =
            "  verdicts: 980 accepted, 265 dropped (60 rejected, 5 malformed, 0 fail-closed)\n";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void withoutLibpcapTheDemoReplaysOfflineAndSaysWhy() throws Exception {
        assumeRootWithUnshare();
        Proc.Result r = withoutLibpcap(BIN + " demo");
        assertOk(r);
        assertTrue(r.err().contains("pkttables-deps: still not installed: libpcap0.8"), r.err());
        assertTrue(r.err().contains("apt-get install -y --no-install-recommends libpcap0.8"), r.err());
        assertTrue(r.err().contains("pkttables: demo: the network-namespace lab needs the packages above, so the "
                + "offline replay instead"), r.err());
        assertTrue(r.out().contains(OFFLINE_VERDICTS), r.out());
        assertTrue(r.out().contains("Chain FORWARD (policy DROP 120 packets, 10000 bytes)"), r.out());
        assertTrue(!r.out().contains("== building the lab"), "no lab was started: " + r.out());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void withoutLibpcapTheTestsSkipWithTheirMessages() throws Exception {
        assumeRootWithUnshare();
        // e2e's Lab.assumeInstalled: bin/pkttables-deps --check names the package and the apt-get line.
        Proc.Result deps = withoutLibpcap(Proc.ROOT.resolve("bin/pkttables-deps") + " --check libpcap0.8");
        assertEquals(1, deps.exit(), deps.err());
        assertEquals("pkttables-deps: not installed: libpcap0.8\n"
                + "pkttables-deps: to install them: apt-get install -y --no-install-recommends libpcap0.8\n", deps.err());
        // itest's IoLoadsPcapIT skips on what `ports` says when JNA finds no libpcap (nothing else wrong).
        Proc.Result ports = withoutLibpcap("echo ports | " + BIN + " batch");
        assertOk(ports);
        assertTrue(ports.out().contains(
                "libpcap not loadable: java.lang.UnsatisfiedLinkError: Unable to load library 'pcap'"), ports.out());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void notRootTheDemoReplaysOfflineAndSaysWhy() throws Exception {
        // As root, the demo runs as nobody (who can read the repository in CI's checkout), else as the user.
        List<String> cmd = Lab.uid() == 0 ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "env", "HOME=" + dir, "TMPDIR=" + dir, BIN, "demo") : List.of(BIN, "demo");
        if (Lab.uid() == 0) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            assumeTrue(Proc.exec(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "test", "-r",
                    BIN, "-a", "-x", BIN), null).exit() == 0, "nobody cannot run " + BIN + ": skipped");
        }
        Proc.Result r = Proc.exec(cmd, null);
        assertOk(r);
        assertTrue(r.err().contains("pkttables: demo: not root, so the offline replay (the network-namespace lab "
                + "needs root: sudo bin/pkttables demo)"), r.err());
        assertTrue(r.out().contains(OFFLINE_VERDICTS), r.out());
    }

    private static void assumeRootWithUnshare() {
        assumeTrue(Lab.uid() == 0, "DemoFallbackIT hides libpcap in a private mount namespace: needs root, skipped");
        assumeTrue(Lab.onPath("unshare"), "DemoFallbackIT needs unshare (util-linux): skipped");
    }

    /**
     * Runs {@code command} (bash) in private mount and network namespaces in which every libpcap file the
     * loader could find (its cache, the usual folders) is an empty file.
     */
    private Proc.Result withoutLibpcap(String command) throws Exception {
        Path empty = Files.createFile(dir.resolve("empty-" + System.nanoTime()));
        String script = "set -e\n"
                + "for f in $( { /sbin/ldconfig -p | awk '/libpcap\\.so/ {print $NF}'; "
                + "ls -d /usr/lib/*/libpcap.so* /lib/*/libpcap.so* /usr/lib/libpcap.so* 2>/dev/null; } "
                + "| xargs -r readlink -f | sort -u); do\n"
                + "  mount --bind '" + empty + "' \"$f\"\n"
                + "done\n"
                + command + "\n";
        return Proc.exec(List.of("unshare", "--mount", "--net", "--propagation", "private", "bash", "-c", script),
                null);
    }
}
