package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Prometheus endpoint of a bridge (as root, in network namespaces): {@code run --metrics
 * 127.0.0.1:PORT} serves {@code /metrics} on the appliance's loopback; scraped with curl while pings cross
 * the bridge, the FORWARD rule's packet counter rises from scrape to scrape, the ports' and workers'
 * series are there, and {@code promtool check metrics} accepts the exposition (when installed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsNetnsIT {
    private static final int PORT = 19464;
    private static final String COMMENT = "ping \"probe\" \\ \u00e9";

    @RegisterExtension
    static final Lab LAB = Lab.bridge().client("10.79.0.1/24").server("10.79.0.2/24").startedByTheTest()
            .needs("ping", "curl");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void appliance() throws Exception {
        LAB.start("metrics", "--metrics", "127.0.0.1:" + PORT);
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-p", "icmp", "-m", "comment", "--comment", COMMENT, "-j",
                "ACCEPT"));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aScrapeDuringTrafficSeesTheRuleCounterRise() throws Exception {
        String where = LAB.ctl("metrics").out();
        assertEquals("metrics: http://127.0.0.1:" + PORT + "/metrics\n", where);
        double before = rulePackets(scrape());
        Process ping = LAB.background("ping", LAB.clientNs(), "ping", "-c", "40", "-i", "0.1", "10.79.0.2");
        double last = before;
        int rises = 0;
        while (ping.isAlive()) {
            double now = rulePackets(scrape());
            assertTrue(now >= last, "a counter never goes down: " + last + " then " + now);
            if (now > last) {
                rises++;
            }
            last = now;
            Thread.sleep(300);
        }
        assertEquals(0, ping.waitFor(), LAB.log("ping"));
        String text = scrape();
        double after = rulePackets(text);
        assertTrue(rises >= 2, "the counter rose from scrape to scrape while ping ran: " + rises + " rises");
        // 40 echo requests and 40 replies cross FORWARD
        assertTrue(after - before >= 80, "before " + before + ", after " + after);
        assertTrue(Pattern.compile("^pkttables_port_rx_total\\{mode=\"bridge\",port=\"" + LAB.port(0) + "\"\\} [1-9]",
                Pattern.MULTILINE).matcher(text).find(), text);
        assertTrue(text.contains("pkttables_worker_rx_total{mode=\"bridge\",worker=\"0\"}"), text);
        assertTrue(text.contains("jvm_threads_current"), text);
        promtool(text);
    }

    /** {@code curl /metrics} in the appliance's namespace (its loopback). */
    private static String scrape() throws Exception {
        Proc.Result r = Netns.in(LAB.applianceNs(), "curl", "-sf", "--max-time", "10",
                "http://127.0.0.1:" + PORT + "/metrics");
        assertOk(r);
        return r.out();
    }

    private static double rulePackets(String text) {
        Matcher m = Pattern.compile("^pkttables_rule_packets_total\\{chain=\"FORWARD\",comment=\"ping \\\\\"probe\\\\\" "
                + "\\\\\\\\ \u00e9\",family=\"ipv4\",rule=\"1\",table=\"filter\"\\} (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertTrue(m.find(), "no series for the FORWARD rule in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    private static void promtool(String text) throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool),
                "promtool check skipped: promtool is not installed (Debian package prometheus)");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), () -> "promtool check metrics refused the exposition:\n" + out);
    }
}
