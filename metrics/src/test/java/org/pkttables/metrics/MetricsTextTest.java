package org.pkttables.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.ext.matches.impl.CommentMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.tables.testing.Harness;
import org.pkttables.tables.testing.Packets;

/**
 * The ruleset's series in the Prometheus text format: a rule's counters rise with the packets it
 * matches, labels carry comments with quotes, backslashes, tabs and non-ASCII, and {@code promtool check
 * metrics} (Debian package prometheus) accepts the whole exposition, JVM series included.
 */
class MetricsTextTest {
    private static final String HOSTILE = "ssh \"admin\" \\ net\there \u00e9\u65e5";

    @Test
    void ruleCountersRiseAndPromtoolAcceptsTheExposition() throws IOException, InterruptedException {
        Harness h = new Harness().with(new Ipv4Handler(), new TcpMatchType(), new CommentMatchType());
        run(h, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "22", "-m", "comment", "--comment", HOSTILE, "-j",
                "ACCEPT");
        run(h, "iptables", "-A", "INPUT", "-p", "tcp", "-j", "DROP");
        run(h, "iptables", "-P", "FORWARD", "DROP");
        ChangeClock changes = new ChangeClock();
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new RulesetMetrics(h::ruleset, changes));
        JvmBasics.register(registry);

        String before = Exposition.text(registry);
        assertEquals(0.0, rulePackets(before, "1"));
        byte[] ssh = Packets.ipv4(6, Packets.tcp(40000, 22, 0x02));
        for (int i = 0; i < 3; i++) {
            h.inject(Family.IPV4, Hook.INPUT, ssh, "eth0", null);
        }
        h.inject(Family.IPV4, Hook.INPUT, Packets.ipv4(6, Packets.tcp(40000, 23, 0x02)), "eth0", null);
        String after = Exposition.text(registry);
        assertEquals(3.0, rulePackets(after, "1"), after);
        assertEquals(1.0, rulePackets(after, "2"), after);
        // the comment as the text format escapes it: \" and \\ (a tab and non-ASCII stay as they are)
        assertTrue(after.contains("comment=\"ssh \\\"admin\\\" \\\\ net\there \u00e9\u65e5\""), after);
        assertTrue(after.contains("pkttables_chain_policy_packets_total{chain=\"FORWARD\",family=\"ipv4\",policy=\"DROP\","
                + "table=\"filter\"} 0"), after);
        assertTrue(after.contains("pkttables_ruleset_generation "), after);
        assertTrue(after.contains("jvm_memory_used_bytes"), after);
        assertTrue(after.contains("jvm_threads_current "), after);
        assertTrue(after.contains("jvm_threads_started_total "), after);
        // no series that takes a safepoint per scrape (a thread dump, a deadlock search)
        assertFalse(after.contains("jvm_threads_state"), after);
        assertFalse(after.contains("jvm_threads_deadlocked"), after);
        promtool(after);
    }

    /** The value of {@code pkttables_rule_packets_total} for rule {@code n} of ipv4 filter INPUT. */
    private static double rulePackets(String text, String n) {
        Matcher m = Pattern.compile("^pkttables_rule_packets_total\\{chain=\"INPUT\",comment=\"[^\\n]*\",family=\"ipv4\","
                + "rule=\"" + n + "\",table=\"filter\"\\} (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertTrue(m.find(), "no series for rule " + n + " in\n" + text);
        return Double.parseDouble(m.group(1));
    }

    /** {@code promtool check metrics} on the text; skips when promtool is not installed. */
    static void promtool(String text) throws IOException, InterruptedException {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool),
                "skipped: promtool is not installed (Debian package prometheus; bin/pkttables-deps installs it as root)");
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, p.exitValue(), () -> "promtool check metrics refused it:\n" + out);
    }

    private static void run(Harness h, String command, String... args) {
        Result r = h.run(command, args);
        assertEquals(0, r.exit(), () -> command + ": " + r.err());
    }
}
