package org.pkttables.conntrack.impl.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.conntrack.impl.target.ConnmarkTargetType;
import org.pkttables.conntrack.impl.target.CtTargetType;
import org.pkttables.conntrack.impl.target.NotrackTargetType;
import org.pkttables.tables.testing.CaseFile;
import org.pkttables.tables.testing.Harness;

/**
 * libxt_conntrack.t and libxt_state.t (iptables' own case files) through the real core: each rule is
 * added, then listed with -S, and must read exactly as iptables 1.8.9 lists it; FAIL lines are refused.
 */
class ConntrackCasesConformanceTest {
    static final java.util.List<String> FILES = java.util.List.of("libxt_conntrack.t", "libxt_state.t",
            "libxt_connmark.t", "libxt_CONNMARK.t", "libxt_NOTRACK.t", "libxt_CT.t", "libipt_conntrack_addr.t",
            "libip6t_conntrack_addr.t", "libxt_connbytes.t", "libxt_connlimit.t", "libipt_connlimit.t",
            "libip6t_connlimit.t", "libxt_helper.t");

    static Stream<CaseFile.Case> cases() {
        return FILES.stream().flatMap(f -> CaseFile.load(ConntrackCasesConformanceTest.class, f).stream());
    }

    static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new ConntrackMatchType(),
                new StateMatchType(), new ConnmarkMatchType(), new ConnmarkTargetType(), new NotrackTargetType(),
                new CtTargetType(), new ConnbytesMatchType(), new ConnlimitMatchType(), new HelperMatchType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void listedAsTheRealTool(CaseFile.Case c) {
        assertNull(c.check(harness()), c::toString);
    }

    @org.junit.jupiter.api.Test
    void optionsListInTheRealToolsOrder() {
        Harness h = new Harness().with(new Ipv4Handler(), new ConntrackMatchType(), new StateMatchType());
        // verified with iptables 1.8.9 in a network namespace
        String rule = "-m conntrack --ctdir REPLY --ctexpire 5:10 --ctstatus SEEN_REPLY,ASSURED,EXPECTED,CONFIRMED "
                + "--ctproto tcp --ctorigsrc 10.0.0.1 --ctrepldst 10.0.0.0/8 --ctorigsrcport 80 --ctorigdstport 1000:2000 "
                + "--ctreplsrcport 5 --ctrepldstport 6 --ctorigdst 1.2.3.4 --ctreplsrc 5.6.7.8 "
                + "--ctstate SNAT,DNAT,UNTRACKED,INVALID,NEW";
        assertEquals(0, h.sh("iptables -A INPUT " + rule).exit());
        assertEquals(0, h.sh("iptables -A INPUT -m state --state RELATED,NEW,INVALID,UNTRACKED,ESTABLISHED").exit());
        assertEquals(0, h.sh("iptables -A INPUT -m conntrack ! --ctstate NEW ! --ctproto 6 ! --ctexpire 5 ! --ctstatus NONE").exit());
        List<String> out = h.sh("iptables -S INPUT").out().lines().filter(l -> l.startsWith("-A")).toList();
        assertEquals(List.of("-A INPUT -m conntrack --ctstate INVALID,NEW,UNTRACKED,SNAT,DNAT --ctproto 6 "
                + "--ctorigsrc 10.0.0.1 --ctorigdst 1.2.3.4 --ctreplsrc 5.6.7.8 --ctrepldst 10.0.0.0/8 "
                + "--ctorigsrcport 80 --ctorigdstport 1000:2000 --ctreplsrcport 5 --ctrepldstport 6 "
                + "--ctstatus EXPECTED,SEEN_REPLY,ASSURED,CONFIRMED --ctexpire 5:10 --ctdir REPLY",
                "-A INPUT -m state --state INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED",
                "-A INPUT -m conntrack ! --ctstate NEW ! --ctproto 6 ! --ctstatus NONE ! --ctexpire 5"), out);
    }
}
