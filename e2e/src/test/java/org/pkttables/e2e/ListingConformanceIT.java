package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A script of iptables/ip6tables commands fed to {@code bin/pkttables batch} must list exactly as the
 * real tools do. The expected output is recorded from iptables 1.8.9 (nf_tables); when this runs as
 * root with the real tools installed, the recording is checked against them live in a fresh network
 * namespace too, so it cannot go stale.
 */
class ListingConformanceIT {
    private static final Path ROOT = Proc.ROOT;

    @ParameterizedTest
    @ValueSource(strings = { "basic" })
    void batchListsLikeTheRealTools(String name) throws Exception {
        Path script = resource(name + ".batch");
        String expected = Files.readString(resource(name + ".expected"));
        Proc.Result r = Proc.exec(List.of(ROOT.resolve("bin/pkttables").toString(), "batch", script.toString()), null);
        assertEquals(0, r.exit(), "batch failed:\n" + r.err());
        assertEquals(expected, r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = { "basic" })
    void recordingStillMatchesTheRealTools(String name) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root for a network namespace: skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/iptables")) || Files.isExecutable(Path.of("/sbin/iptables")),
                "the real iptables is not installed (apt-get install iptables): skipped");
        try (Netns net = new Netns("conformance")) {
            String ns = net.add("x");
            StringBuilder out = new StringBuilder();
            for (String line : Files.readAllLines(resource(name + ".batch"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Proc.Result r = Proc.exec(List.of("ip", "netns", "exec", ns, "sh", "-c", line), null);
                assertEquals(0, r.exit(), "the real tool rejected: " + line + "\n" + r.err());
                out.append(r.out());
            }
            assertEquals(Files.readString(resource(name + ".expected")), out.toString());
        }
    }

    private static Path resource(String name) {
        return ROOT.resolve("e2e/src/test/resources/org/pkttables/e2e/" + name);
    }

}
