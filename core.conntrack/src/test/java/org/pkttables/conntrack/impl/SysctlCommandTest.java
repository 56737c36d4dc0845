package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;

class SysctlCommandTest {
    private final ConntrackEngine engine = new ConntrackEngine(1024, 5, () -> 1_000_000L);
    private final SysctlCommand sysctl = new SysctlCommand(engine);

    @Test
    void readsAndWritesTimeoutsByTheKernelsNames() {
        assertEquals("net.netfilter.nf_conntrack_udp_timeout = 30\n",
                sysctl.run(List.of("net.netfilter.nf_conntrack_udp_timeout"), null).out());
        Result w = sysctl.run(List.of("-w", "net.netfilter.nf_conntrack_udp_timeout=60"), null);
        assertEquals(0, w.exit(), w.err());
        assertEquals(60L, engine.timeouts().get("udp_timeout"));
        String all = sysctl.run(List.of("-a"), null).out();
        assertTrue(all.contains("net.netfilter.nf_conntrack_max = 1024\n"), all);
        assertTrue(all.contains("net.netfilter.nf_conntrack_tcp_timeout_established = 432000\n"), all);
    }

    @Test
    void badKeysAndValuesAreNamedAndChangeNothing() {
        Result r = sysctl.run(List.of("-w", "net.netfilter.nf_conntrack_udp_timeout=x"), null);
        assertEquals(255, r.exit());
        assertTrue(r.err().contains("x is not a number"), r.err());
        r = sysctl.run(List.of("net.netfilter.nf_conntrack_nope=1"), null);
        assertEquals(255, r.exit());
        assertTrue(r.err().contains("nf_conntrack_nope"), r.err());
        r = sysctl.run(List.of("net.ipv4.ip_forward"), null);
        assertTrue(r.err().contains("No such file"), r.err());
        assertEquals(30L, engine.timeouts().get("udp_timeout"));
    }
}
