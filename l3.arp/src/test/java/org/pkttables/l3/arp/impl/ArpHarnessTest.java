package org.pkttables.l3.arp.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.tables.testing.Frames;
import org.pkttables.tables.testing.Harness;

/** The handler inside the real core; expected listings taken from arptables v1.8.9 (nf_tables). */
class ArpHarnessTest {
    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness().with(new ArpHandler());
    }

    private String ok(String line) {
        Result r = h.sh(line);
        assertEquals(0, r.exit(), () -> line + " -> " + r.err());
        return r.out();
    }

    private final byte[] request = Frames.arpRequest("02:00:00:00:00:01", "10.0.0.1", "10.0.0.2");
    private final byte[] reply = Frames.arpReply("02:00:00:00:00:02", "10.0.0.2", "02:00:00:00:00:01", "10.0.0.1");

    /**
     * arptables 1.8.9 -L -v names both interfaces, {@code *} (with -n) or {@code any} when the rule has none
     * (the expected text from arptables v1.8.9 (nf_tables)).
     */
    @Test
    void verboseListingNamesBothInterfaces() {
        h = new Harness().with(new ArpHandler(), new ArpMarkTargetType());
        ok("arptables -A INPUT -j MARK -d 0.0.0.0/8 --set-mark 1");
        ok("arptables -A OUTPUT -o lo --dst-mac 11:22:33:44:55:66");
        assertEquals("Chain INPUT (policy ACCEPT 0 packets, 0 bytes)\n"
                + "-j MARK -i * -o * -d 0.0.0.0/8 --set-mark 1 , pcnt=0 -- bcnt=0 \n", ok("arptables -L INPUT -n -v"));
        assertEquals("Chain OUTPUT (policy ACCEPT 0 packets, 0 bytes)\n"
                + "-i any -o lo --dst-mac 11:22:33:44:55:66 , pcnt=0 -- bcnt=0 \n", ok("arptables -L OUTPUT -v"));
        assertEquals("Chain INPUT (policy ACCEPT)\n-j MARK -d 0.0.0.0/8 --set-mark 1\n", ok("arptables -L INPUT -n"));
    }

    @Test
    void dropsWhatMatches() {
        ok("arptables -A INPUT -s 10.0.0.1 -d 10.0.0.0/255.255.255.0 -i eth0 --source-mac 02:00:00:00:00:01"
                + " --opcode Request -j DROP");
        assertEquals(Verdict.DROP, h.inject(Family.ARP, Hook.INPUT, request, "eth0", null));
        assertEquals(Verdict.ACCEPT, h.inject(Family.ARP, Hook.INPUT, request, "eth1", null));
        assertEquals(Verdict.ACCEPT, h.inject(Family.ARP, Hook.INPUT, reply, "eth0", null));
        assertEquals(Verdict.DROP, h.inject(Family.ARP, Hook.INPUT, java.util.Arrays.copyOf(request, 30), "eth0", null),
                "truncated ARP header never reaches a table");
        assertTrue(h.last().isMalformed());
    }

    @Test
    void listsLikeArptables() {
        String out = ok("arptables -A INPUT -s 10.0.0.1 -d 10.0.0.0/255.255.255.0 -i eth0"
                + " --source-mac 02:00:00:00:00:01 --opcode Request -j DROP")
                + ok("arptables -A OUTPUT ! -d 10.0.0.2 -o eth+ ! --destination-mac 02:00:00:00:00:AA --opcode reply"
                        + " --proto-type ipv4 -j ACCEPT")
                + ok("arptables -S");
        assertTrue(out.contains("-A INPUT -j DROP -i eth0 -s 10.0.0.1 --src-mac 02:00:00:00:00:01 -d 10.0.0.0/24"
                + " --opcode 1\n"), out);
        assertTrue(out.contains("-A OUTPUT -j ACCEPT -o eth+ ! -d 10.0.0.2 ! --dst-mac 02:00:00:00:00:aa --opcode 2"
                + " --proto-type 0x800\n"), out);
    }
}
