package org.pkttables.nat66.impl;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.api.CommandFrontend;
import org.pkttables.conntrack.impl.ConntrackEngine;
import org.pkttables.nat.NatCore;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;

/**
 * ip6tables' own case files for SNAT, DNAT, MASQUERADE, REDIRECT and NETMAP through the real core with both
 * NAT bundles' targets ({@code ip6tables -t nat -A CHAIN RULE}, then {@code -S} lists exactly the expected rule;
 * FAIL lines exit non-zero and add nothing; each line checked against ip6tables 1.8.9 in a namespace), and
 * the messages for an address of the other family.
 */
class Nat66TargetsTest {
    private static final List<String> FILES = List.of("libip6t_SNAT.t", "libip6t_DNAT.t", "libip6t_MASQUERADE.t",
            "libip6t_REDIRECT.t", "libip6t_NETMAP.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(Nat66TargetsTest.class, f).stream());
    }

    private static Harness harness() {
        return new Nat66Harness(new ConntrackEngine(64, 5, () -> 1_000_000L), new NatCore()).harness();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }

    private static String refused(Harness h, String cmd) {
        CommandFrontend.Result r = h.sh(cmd);
        assertNotEquals(0, r.exit(), cmd + " was accepted");
        return r.err();
    }

    @Test
    void ip6tablesRefusesAnIpv4AddressWithTheToolsMessages() {
        Harness h = harness();
        // ip6tables 1.8.9 in a namespace prints these.
        assertTrue(refused(h, "ip6tables -t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4")
                .contains("Bad IP address \"1.2.3.4\""));
        assertTrue(refused(h, "ip6tables -t nat -A PREROUTING -p tcp -j DNAT --to-destination [dead::beef")
                .contains("Invalid address format"));
    }
}
