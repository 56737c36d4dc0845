package org.pkttables.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.MatchType;

/**
 * Hot plug of an extension bundle: the example portparity match is installed at run time, used by a
 * rule, stopped (the rule stays, and packets reaching it are dropped and counted as fail-closed) and
 * started again (the rule rebinds and keeps its counters).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExtensionUnloadFailsClosedIT {
    private static final String RULE = "-A INPUT -p udp -m portparity --sport-parity odd -j ACCEPT";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return ApplianceRuntime.options("hotplug");
    }

    private CommandFrontend.Result sh(CommandFrontend f, String command, String... args) {
        CommandFrontend.Result r = f.run(command, List.of(args), null);
        assertEquals(command + " " + String.join(" ", args) + ": " + r.err(), 0, r.exit());
        return r;
    }

    private static int inject(Ruleset rs, int sport) {
        byte[] frame = UdpFrames.ipv4(sport, 53);
        PacketContext p = new PacketContext(0).reset(frame, 0, frame.length);
        p.setL2(0);
        p.setFamily(Family.IPV4);
        p.setHook(Hook.INPUT);
        p.setInIface("eth0");
        assertTrue("the IPv4 handler must parse the test frame", rs.parse(Family.IPV4, p, 14));
        return rs.process(p);
    }

    private static RuleInfo firstInputRule(Ruleset rs) throws Exception {
        return rs.table(Family.IPV4, "filter").chain("INPUT").rules().get(0);
    }

    @Test
    public void stoppedExtensionFailsClosedAndRebindsWithCountersWhenStarted() throws Exception {
        CommandFrontend f = ApplianceRuntime.await(CommandFrontend.class, null);
        Ruleset rs = ApplianceRuntime.await(Ruleset.class, null);

        Bundle ext = context.installBundle(ApplianceRuntime.PORTPARITY.toUri().toString());
        ext.start();
        ApplianceRuntime.await(MatchType.class, "(" + MatchType.NAME + "=portparity)");

        sh(f, "iptables", "-P", "INPUT", "DROP");
        sh(f, "iptables", RULE.split(" "));
        assertEquals(Verdict.ACCEPT, inject(rs, 5353));
        assertEquals("even port: no match, policy DROP", Verdict.DROP, inject(rs, 5354));
        assertEquals(1, firstInputRule(rs).packets());

        ext.stop();
        assertTrue(sh(f, "iptables", "-S", "INPUT").out().contains(RULE));
        assertFalse(firstInputRule(rs).bound());
        String missing = firstInputRule(rs).missing();
        assertTrue("names the missing extension: " + missing, missing.contains("portparity"));
        long closedBefore = rs.failClosedDrops();
        assertEquals("an odd port reaching the unbound rule is dropped", Verdict.DROP, inject(rs, 5353));
        assertEquals(closedBefore + 1, rs.failClosedDrops());

        ext.start();
        ApplianceRuntime.await(MatchType.class, "(" + MatchType.NAME + "=portparity)");
        assertTrue(firstInputRule(rs).bound());
        assertEquals(Verdict.ACCEPT, inject(rs, 5353));
        assertEquals("1 before, 1 while failing closed, 1 after", 3, firstInputRule(rs).packets());
        assertEquals(closedBefore + 1, rs.failClosedDrops());

        ext.uninstall();
    }
}
