package org.pkttables.nat.impl;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;
import org.pkttables.nat.Ipv4Nat;
import org.pkttables.nat.NatCore;
import org.pkttables.nat.NatServices;

/**
 * iptables' own case files for SNAT, DNAT, MASQUERADE, REDIRECT and NETMAP (IPv4; core.nat66 has ip6tables')
 * through the real core:
 * {@code iptables -t nat -A CHAIN RULE}, then {@code -S} lists exactly the expected rule; FAIL lines exit
 * non-zero with an error and add nothing. Each line was checked against iptables/ip6tables 1.8.9 in a namespace.
 */
class NatCasesConformanceTest {
    static final List<String> FILES = List.of("libipt_SNAT.t", "libipt_DNAT.t", "libipt_MASQUERADE.t",
            "libipt_REDIRECT.t", "libipt_NETMAP.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(NatCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return harness(new NatCore());
    }

    /** The core with the NAT targets of {@code core} and the IPv4 and IPv6 handlers. */
    static Harness harness(NatCore core) {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler()).with(targets(core).toArray());
    }

    /** The NAT bundle's target types over {@code core}. */
    static java.util.List<Object> targets(NatCore core) {
        return java.util.List.copyOf(NatServices.targets(core, Ipv4Nat.INSTANCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }
}
