package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.pkttables.api.CommandFrontend;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/** The core with the real L3 handlers, a set registry on a test clock, and this bundle's services. */
final class Fixture {
    final TestClock clock = new TestClock();
    final SetRegistry sets = new SetRegistry(clock);
    final Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(), new UdpMatchType(), new IpsetCommand(sets),
            new SetMatchType(sets), new SetTargetType(sets));

    Fixture() {
        sets.useRuleset(h::ruleset);
    }

    CommandFrontend.Result sh(String line) {
        return h.sh(line);
    }

    /** Runs a command that must succeed and returns its standard output. */
    String ok(String line) {
        CommandFrontend.Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
        return r.out();
    }

    /** Runs a command that must fail with {@code exit} and returns its standard error. */
    String fails(int exit, String line) {
        CommandFrontend.Result r = h.sh(line);
        assertEquals(exit, r.exit(), () -> line + " -> exit " + r.exit() + " out " + r.out() + " err " + r.err());
        return r.err();
    }
}
