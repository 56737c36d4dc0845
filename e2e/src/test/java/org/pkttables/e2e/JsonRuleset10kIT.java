package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 16, acceptance 1 at scale, through {@code ctl} on a running appliance: a 10,000-rule filter table
 * (100 user chains, jumps and gotos, comments with quotes and tabs, multiport, mark, limit, length,
 * REJECT) saved with {@code ruleset-save --json}, the table flushed, and the file loaded again with
 * {@code ruleset-restore --json FILE} gives back an identical {@code iptables-save}; the times of the save
 * and the restore (each a whole {@code ctl} call, the client's start included) are printed.
 */
class JsonRuleset10kIT {
    @RegisterExtension
    static final Lab LAB = Lab.launcher();

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void tenThousandRulesRestoreFromTheirJsonToAnIdenticalSave() throws Exception {
        LAB.start("appliance");
        Path rules = LAB.home().resolve("rules.v4");
        Files.writeString(rules, rules());
        assertOk(LAB.ctl("iptables-restore", rules.toString()));
        String save = withoutComments(LAB.ctl("iptables-save").out());
        assertEquals(10_000, save.lines().filter(l -> l.startsWith("-A ")).count());

        long t0 = System.nanoTime();
        Proc.Result json = LAB.ctl("ruleset-save", "--json");
        long saveMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertOk(json);
        Path file = LAB.home().resolve("ruleset.json");
        Files.writeString(file, json.out());

        assertOk(LAB.ctl("iptables", "-F"));
        assertOk(LAB.ctl("iptables", "-X"));
        assertNotEquals(save, withoutComments(LAB.ctl("iptables-save").out()));

        t0 = System.nanoTime();
        Proc.Result r = LAB.ctl("ruleset-restore", "--json", file.toString());
        long restoreMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, r.exit(), r.err());
        assertEquals(save, withoutComments(LAB.ctl("iptables-save").out()));

        t0 = System.nanoTime();
        assertOk(LAB.ctl("iptables-restore", rules.toString()));
        long textMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("JsonRuleset10kIT: 10,000 rules: ruleset-save --json %d ms (%d bytes), ruleset-restore --json %d"
                + " ms, iptables-restore of the same rules %d ms (each a whole ctl call)%n", saveMs, json.out().length(),
                restoreMs, textMs);
    }

    /** The same generated table as RulesetJsonTest's: 10,000 rules over INPUT, FORWARD and 100 user chains. */
    private static String rules() {
        StringBuilder rules = new StringBuilder("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int c = 0; c < 100; c++) {
            rules.append(":c").append(c).append(" - [0:0]\n");
        }
        for (int i = 0; i < 10_000; i++) {
            int chain = i % 100;
            String where = i % 7 == 0 ? "INPUT" : i % 7 == 1 ? "FORWARD" : "c" + chain;
            rules.append("-A ").append(where);
            rules.append(i % 2 == 0 ? " -s " : " ! -d ").append(10 + i / 65536).append('.').append(i / 256 % 256)
                    .append('.').append(i % 256).append(".0/24");
            switch (i % 5) {
                case 0 -> rules.append(" -p tcp -m tcp --dport ").append(1 + i % 65000).append(" -m comment --comment \"r")
                        .append(i).append(" \\\"q\\\" tab\tend\"");
                case 1 -> rules.append(" -p udp -m multiport --dports 53,").append(100 + i % 900);
                case 2 -> rules.append(" -m mark --mark 0x").append(Integer.toHexString(i)).append("/0xffff");
                case 3 -> rules.append(" -p icmp -m icmp --icmp-type 8 -m limit --limit 5/sec");
                default -> rules.append(" -i eth").append(i % 4).append(" -m length --length 64:1500");
            }
            if (where.equals("INPUT") || where.equals("FORWARD")) {
                rules.append(i % 3 == 0 ? " -g c" : " -j c").append(chain == 99 ? 98 : chain + 1);
            } else if (i % 3 == 0) {
                rules.append(" -j ACCEPT");
            } else if (i % 3 == 1) {
                rules.append(i % 5 == 0 ? " -j REJECT --reject-with tcp-reset" : " -j RETURN");
            }
            rules.append('\n');
        }
        return rules.append("COMMIT\n").toString();
    }

    private static String withoutComments(String save) {
        StringBuilder b = new StringBuilder();
        save.lines().filter(l -> !l.startsWith("#")).forEach(l -> b.append(l).append('\n'));
        return b.toString();
    }
}
