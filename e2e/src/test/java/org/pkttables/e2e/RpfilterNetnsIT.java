package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Readings.packets;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reverse-path filtering in router mode, after the kernel selftest netfilter/rpath.sh: the appliance
 * routes between a client (10.0.1.2, fd00:1::2, port f0) and a server (10.0.2.2, fd00:2::2, port f1)
 * with {@code -t raw -A PREROUTING -m rpfilter --invert -j DROP} for IPv4 and IPv6. The client also
 * owns 10.0.2.99 and fd00:2::99, addresses of the server's side, and sends from them: such spoofed
 * packets arrive on the wrong port and must be dropped and counted, while the same client's own
 * traffic and the server's replies pass. The server counts what reaches it in its own (kernel) raw
 * table, so "dropped" is seen from the far side too; without the rules the spoofed packets do arrive.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RpfilterNetnsIT {
    @RegisterExtension
    static final Lab LAB = Lab.routerBetweenTwoNets().needs("ping", "iptables", "ip6tables");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        String nsC = LAB.clientNs();
        String nsS = LAB.serverNs();
        // the spoofer's borrowed addresses: they belong behind the appliance's other port. The IPv6 one
        // is deprecated, or source selection (longest matching prefix) would pick it for fd00:2::2.
        sh("ip", "-n", nsC, "addr", "add", "10.0.2.99/32", "dev", LAB.clientDev());
        sh("ip", "-n", nsC, "addr", "add", "fd00:2::99/128", "dev", LAB.clientDev(), "nodad", "preferred_lft", "0");
        // the server's kernel counts the echo requests from the borrowed addresses before anything else
        sh("ip", "netns", "exec", nsS, "iptables", "-t", "raw", "-A", "PREROUTING", "-s", "10.0.2.99", "-p", "icmp");
        sh("ip", "netns", "exec", nsS, "ip6tables", "-t", "raw", "-A", "PREROUTING", "-s", "fd00:2::99", "-p",
                "ipv6-icmp", "--icmpv6-type", "echo-request");
        assertOk(LAB.ctl("iptables", "-t", "raw", "-A", "PREROUTING", "-m", "rpfilter", "--invert", "-j", "DROP"));
        assertOk(LAB.ctl("ip6tables", "-t", "raw", "-A", "PREROUTING", "-m", "rpfilter", "--invert", "-j", "DROP"));
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void rightPortPassesBothWays() throws Exception {
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.0.2.2"));
        assertOk(LAB.inClient("ping", "-6", "-c", "2", "-i", "0.2", "-w", "15", "fd00:2::2"));
        assertOk(LAB.inServer("ping", "-c", "1", "-w", "10", "10.0.1.2"));
        assertOk(LAB.inServer("ping", "-6", "-c", "1", "-w", "10", "fd00:1::2"));
        assertOk(LAB.inClient("ping", "-c", "1", "-w", "5", "10.0.1.1"));
        assertEquals(0, drops("iptables"), "nothing legitimate was dropped:\n" + listing("iptables"));
        assertEquals(0, drops("ip6tables"), "nothing legitimate was dropped:\n" + listing("ip6tables"));
        assertTrue(LAB.ctl("ip", "route").out().contains("10.0.2.0/24 dev " + LAB.port(1) + " proto kernel scope link src 10.0.2.1"),
                LAB.ctl("ip", "route").out());
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void spoofedIpv4SourceOnTheWrongPortIsDroppedAndCounted() throws Exception {
        assertOk(LAB.inClient("ping", "-c", "1", "-w", "10", "10.0.2.2"));
        long before = drops("iptables");
        assertNotEquals(0, LAB.inClient("ping", "-c", "3", "-i", "0.2", "-W", "1", "-I", "10.0.2.99", "10.0.2.2").exit());
        assertTrue(drops("iptables") >= before + 3, "3 spoofed echo requests dropped:\n" + listing("iptables"));
        assertEquals(0, serverSaw("iptables"), "none reached the server");
        assertOk(LAB.inClient("ping", "-c", "1", "-w", "10", "10.0.2.2")); // the client's own address still passes
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void spoofedIpv6SourceOnTheWrongPortIsDroppedAndCounted() throws Exception {
        // a fresh neighbour entry first, so no solicitation goes out from the borrowed address
        assertOk(LAB.inClient("ping", "-6", "-c", "1", "-w", "10", "fd00:2::2"));
        long before = drops("ip6tables");
        assertNotEquals(0, LAB.inClient("ping", "-6", "-c", "3", "-i", "0.2", "-W", "1", "-I", "fd00:2::99", "fd00:2::2").exit());
        assertTrue(drops("ip6tables") >= before + 3, "3 spoofed echo requests dropped:\n" + listing("ip6tables"));
        assertEquals(0, serverSaw("ip6tables"), "none reached the server");
        assertOk(LAB.inClient("ping", "-6", "-c", "1", "-w", "10", "fd00:2::2"));
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withoutTheRulesTheSpoofedPacketsGoThrough() throws Exception {
        // the control: it is the rpfilter rules that stopped them, not the lab
        assertOk(LAB.ctl("iptables", "-t", "raw", "-D", "PREROUTING", "-m", "rpfilter", "--invert", "-j", "DROP"));
        assertOk(LAB.ctl("ip6tables", "-t", "raw", "-D", "PREROUTING", "-m", "rpfilter", "--invert", "-j", "DROP"));
        LAB.inClient("ping", "-c", "2", "-i", "0.2", "-W", "1", "-I", "10.0.2.99", "10.0.2.2");
        LAB.inClient("ping", "-6", "-c", "2", "-i", "0.2", "-W", "1", "-I", "fd00:2::99", "fd00:2::2");
        assertTrue(serverSaw("iptables") >= 2, "the spoofed IPv4 requests reached the server");
        assertTrue(serverSaw("ip6tables") >= 2, "the spoofed IPv6 requests reached the server");
    }

    // ---- helpers ----

    /** Packets of the appliance's rpfilter DROP rule. */
    private long drops(String tool) throws Exception {
        return packets(listing(tool), "DROP");
    }

    private String listing(String tool) throws Exception {
        Proc.Result r = LAB.ctl(tool, "-t", "raw", "-L", "PREROUTING", "-v", "-n", "-x");
        assertOk(r);
        return r.out();
    }

    /** Packets the server's kernel saw from the borrowed address (its raw PREROUTING counting rule). */
    private long serverSaw(String tool) throws Exception {
        Proc.Result r = LAB.inServer(tool, "-t", "raw", "-L", "PREROUTING", "-v", "-n", "-x");
        assertOk(r);
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 2 && f[0].matches("[0-9]+")) {
                return Long.parseLong(f[0]);
            }
        }
        throw new AssertionError("no counting rule in the server's raw table:\n" + r.out());
    }
}
