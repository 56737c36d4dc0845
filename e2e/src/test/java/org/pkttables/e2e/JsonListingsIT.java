package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every listing command's {@code --json} through {@code ctl} on a running appliance parses with python3's
 * json module, with rule comments, set names and chain names holding quotes, backslashes, tabs and
 * non-ASCII; {@code monitor --json} streams one object per line; the JSON ruleset saved through
 * {@code ctl} restores from a file with {@code ruleset-restore --json FILE} to the same
 * {@code iptables-save}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonListingsIT {
    private static final String HOSTILE = "q\"uote b\\ack\ttab \u00e9\u00e8 \u65e5\u672c";

    @RegisterExtension
    static final Lab LAB = Lab.launcher().needs("python3");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void appliance() throws Exception {
        LAB.start("appliance");
        assertOk(LAB.ctl("iptables", "-N", "web"));
        assertOk(LAB.ctl("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "443", "-m", "comment", "--comment",
                HOSTILE, "-j", "web"));
        assertOk(LAB.ctl("iptables", "-A", "web", "-m", "conntrack", "--ctstate", "NEW", "-j", "ACCEPT"));
        assertOk(LAB.ctl("ip6tables", "-A", "INPUT", "-m", "comment", "--comment", HOSTILE, "-j", "DROP"));
        assertOk(LAB.ctl("arptables", "-A", "INPUT", "-s", "10.0.0.1", "-j", "DROP"));
        assertOk(LAB.ctl("ebtables", "-A", "FORWARD", "-p", "IPv4", "-j", "ACCEPT"));
        assertOk(LAB.ctl("ipset", "create", "blocked", "hash:ip", "comment"));
        assertOk(LAB.ctl("ipset", "add", "blocked", "192.0.2.7", "comment", "caf\u00e9 \u65e5"));
        assertOk(LAB.ctl("ip", "route", "add", "blackhole", "10.9.0.0/16"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyListingParsesWithPython() throws Exception {
        List<List<String>> commands = List.of(List.of("iptables", "-L", "--json"), List.of("iptables", "-S", "--json"),
                List.of("iptables", "-L", "INPUT", "-v", "-n", "--json"), List.of("iptables-save", "--json"),
                List.of("ip6tables", "-S", "--json"), List.of("ip6tables-save", "--json"),
                List.of("arptables", "-L", "--json"), List.of("arptables-save", "--json"),
                List.of("ebtables", "-L", "--json"), List.of("ebtables-save", "--json"),
                List.of("ruleset-save", "--json"), List.of("conntrack", "-L", "--json"),
                List.of("conntrack", "-S", "--json"), List.of("ipset", "list", "--json"),
                List.of("ipset", "list", "-terse", "--json"), List.of("ports", "--json"), List.of("workers", "--json"),
                List.of("neigh", "--json"), List.of("ip", "-j", "route"), List.of("status", "--json"),
                List.of("ext", "list", "--json"));
        for (List<String> c : commands) {
            Proc.Result r = LAB.ctl(c.toArray(new String[0]));
            assertEquals(0, r.exit(), c + ": " + r.err());
            String parsed = python("import json,sys\nd=json.load(sys.stdin)\nprint(json.dumps(d, ensure_ascii=False))",
                    r.out());
            if (c.get(0).contains("tables") && !c.get(0).startsWith("arp") && !c.get(0).startsWith("eb")
                    || c.get(0).equals("ruleset-save")) {
                assertTrue(parsed.contains(HOSTILE.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t")),
                        c + ": the hostile text came back: " + parsed);
            }
        }
        String route = LAB.ctl("ip", "-j", "route").out();
        assertTrue(route.contains("{\"type\":\"blackhole\",\"dst\":\"10.9.0.0/16\""), route);
        String sets = LAB.ctl("ipset", "list", "--json").out();
        assertTrue(sets.contains("\"name\":\"blocked\"") && sets.contains("\"entries\":1"), sets);
        String status = LAB.ctl("status", "--json").out();
        assertTrue(status.contains("\"generation\":") && status.contains("\"bundles\":{\"active\":"), status);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void monitorStreamsOneJsonObjectPerChange() throws Exception {
        List<String> cmd = new ArrayList<>(LAB.appliance().ctlCommand("monitor", "--json", "--count", "2"));
        Process monitor = LAB.background(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD));
        // the stream is open once a change shows up: retry the change until the monitor saw two
        InputStream out = monitor.getInputStream();
        for (int i = 0; i < 50 && monitor.isAlive(); i++) {
            assertOk(LAB.ctl("iptables", "-A", "OUTPUT", "-m", "comment", "--comment", HOSTILE + i, "-j", "ACCEPT"));
            monitor.waitFor(200, TimeUnit.MILLISECONDS);
        }
        assertTrue(monitor.waitFor(30, TimeUnit.SECONDS), "monitor --count 2 ended");
        String lines = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, lines.lines().count(), lines);
        String types = python("import json,sys\nfor l in sys.stdin: d=json.loads(l); print(d['type'], d['chain'])",
                lines);
        assertEquals("rule_added OUTPUT\nrule_added OUTPUT\n", types);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theJsonRulesetRestoresFromAFileThroughCtl() throws Exception {
        String save = withoutComments(LAB.ctl("iptables-save").out());
        Path file = LAB.home().resolve("ruleset.json");
        Files.writeString(file, LAB.ctl("ruleset-save", "--json").out());
        assertOk(LAB.ctl("iptables", "-F"));
        assertOk(LAB.ctl("iptables", "-X", "web"));
        assertTrue(!withoutComments(LAB.ctl("iptables-save").out()).equals(save));
        Proc.Result r = LAB.ctl("ruleset-restore", "--json", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(save, withoutComments(LAB.ctl("iptables-save").out()));
        // a broken file: refused, naming the place, the ruleset unchanged
        Files.writeString(file, Files.readString(file).replace("\"policy\":\"ACCEPT\"", "\"policy\":\"MAYBE\""));
        Proc.Result bad = LAB.ctl("ruleset-restore", "--json", file.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("bad policy name `MAYBE'") && bad.err().contains("pkttables["), bad.err());
        assertEquals(save, withoutComments(LAB.ctl("iptables-save").out()));
    }

    private static String withoutComments(String save) {
        StringBuilder b = new StringBuilder();
        save.lines().filter(l -> !l.startsWith("#")).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }

    /** python3 (Debian's /usr/bin/python3 first) on {@code input}; its exit must be 0. */
    private static String python(String program, String input) throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        Process p = new ProcessBuilder(python, "-c", program).redirectErrorStream(true).start();
        p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), () -> "python3's json refused it: " + out + "\ninput: " + input);
        return out;
    }
}
