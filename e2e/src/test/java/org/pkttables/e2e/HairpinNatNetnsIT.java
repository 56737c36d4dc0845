package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * Hairpin NAT (NAT loopback) in router mode on real interfaces: an inside client (10.0.1.2/24) and an inside
 * server (10.0.1.3/24, python3 http.server on port 8080) on one segment (a switch) behind the appliance's
 * first port (10.0.1.1), the outside host (10.0.2.2/24, no route back) behind its second (10.0.2.1, the
 * public address). A DNAT port forward of the public address's port 80 to the inside server, as people
 * write it, lets the outside in; the inside client reaching the same public address is DNATed to its own
 * segment, so the appliance sends the packet back out of the port it came in on, and only the usual hairpin
 * rule (MASQUERADE of inside-to-inside traffic on POSTROUTING) makes the server answer through the
 * appliance instead of straight to the client (whose curl then fails, as with the kernel). The server sees
 * the appliance's inside address; {@code conntrack -L} shows both translations in one entry. The same for
 * IPv6 with ip6tables (NAT66): fd00:1::2 and fd00:1::3 behind fd00:1::1, public 2001:db8:2::1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HairpinNatNetnsIT {
    private static final String PAGE = "pkttables hairpin nat e2e\n";

    @RegisterExtension
    static final Lab LAB = Lab.router().client("10.0.1.2/24", "fd00:1::2/64").gateway("10.0.1.1/24", "fd00:1::1/64")
            .neighbour("10.0.1.3/24", "fd00:1::3/64")
            .server("10.0.2.2/24", "2001:db8:2::2/64").gateway("10.0.2.1/24", "2001:db8:2::1/64").routes()
            .needs("curl", "python3");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void insideServer() throws Exception {
        Path www = Files.createDirectories(LAB.home().resolve("www"));
        Files.writeString(www.resolve("index.html"), PAGE);
        for (String[] bind : new String[][] { { "inside4", "10.0.1.3" }, { "inside6", "fd00:1::3" } }) {
            LAB.background(bind[0], LAB.neighbourNs(), "python3", "-m", "http.server", "8080", "--bind", bind[1],
                    "--directory", www.toString());
            Lab.awaitListening("the inside HTTP server", LAB.neighbourNs(), bind[1], 8080);
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePortForwardWorksFromOutside() throws Exception {
        assertOk(ctl("iptables", "-t", "nat", "-A", "PREROUTING", "-d", "10.0.2.1", "-p", "tcp", "--dport", "80", "-j",
                "DNAT", "--to-destination", "10.0.1.3:8080"));
        assertEquals(PAGE, LAB.inServer("curl", "-s", "-m", "5", "http://10.0.2.1/index.html").out());
        waitFor("the inside server to log the request", () -> LAB.log("inside4").contains("10.0.2.2 - - "));
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withoutTheHairpinRuleTheServerAnswersTheClientDirectlyAndFails() throws Exception {
        // DNAT alone: the server answers 10.0.1.2 straight over the segment, from 10.0.1.3:8080, not from the
        // address the client connected to; the client resets that, and its curl never connects.
        assertNotEquals(PAGE, LAB.inClient("curl", "-s", "-m", "4", "http://10.0.2.1/index.html").out());
        String ct = ctl("conntrack", "-L", "-p", "tcp", "--dport", "80", "-s", "10.0.1.2").out();
        assertTrue(ct.contains("src=10.0.1.2 dst=10.0.2.1") && ct.contains("src=10.0.1.3 dst=10.0.1.2 sport=8080"),
                "the appliance did forward the DNATed SYN back onto the inside segment: " + ct);
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anInsideClientReachesTheInsideServerByThePublicAddress() throws Exception {
        assertOk(ctl("iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "10.0.1.0/24", "-d", "10.0.1.3", "-p", "tcp",
                "--dport", "8080", "-j", "MASQUERADE"));
        assertEquals(PAGE, LAB.inClient("curl", "-s", "-m", "5", "http://10.0.2.1/index.html").out());
        waitFor("the inside server to log the hairpinned request", () -> LAB.log("inside4").contains("10.0.1.1 - - "));
        String log = LAB.log("inside4");
        assertTrue(!log.contains("10.0.1.2 - - "), "the inside server saw the appliance's address only: " + log);
        // one entry, both translations: the destination (public address -> the server) and the source (the
        // client -> the appliance's inside address), selected by either NAT filter
        String both = "src=10.0.1.2 dst=10.0.2.1 sport=";
        String reply = "src=10.0.1.3 dst=10.0.1.1 sport=8080";
        for (String filter : new String[] { "--src-nat", "--dst-nat" }) {
            String ct = ctl("conntrack", "-L", "-p", "tcp", filter).out();
            assertTrue(ct.lines().anyMatch(l -> l.contains(both) && l.contains(reply)), filter + ": " + ct);
        }
        String dst = ctl("conntrack", "-L", "--dst-nat", "10.0.1.3").out();
        String src = ctl("conntrack", "-L", "--src-nat", "10.0.1.1").out();
        assertTrue(dst.contains(both) && src.contains(both), "--dst-nat 10.0.1.3: " + dst + "--src-nat 10.0.1.1: " + src);
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void ipv6HairpinThroughNat66() throws Exception {
        assertOk(ctl("ip6tables", "-t", "nat", "-A", "PREROUTING", "-d", "2001:db8:2::1", "-p", "tcp", "--dport", "80",
                "-j", "DNAT", "--to-destination", "[fd00:1::3]:8080"));
        assertOk(ctl("ip6tables", "-t", "nat", "-A", "POSTROUTING", "-s", "fd00:1::/64", "-d", "fd00:1::3", "-p",
                "tcp", "--dport", "8080", "-j", "MASQUERADE"));
        assertEquals(PAGE, LAB.inClient("curl", "-6", "-s", "-m", "5", "http://[2001:db8:2::1]/index.html").out());
        waitFor("the inside server to log the hairpinned request", () -> LAB.log("inside6").contains("fd00:1::1 - - "));
        String log = LAB.log("inside6");
        assertTrue(!log.contains("fd00:1::2 - - "), "the inside server saw the appliance's address only: " + log);
        String ct = ctl("conntrack", "-L", "-f", "ipv6", "-p", "tcp", "--any-nat").out();
        assertTrue(ct.lines().anyMatch(l -> l.contains("src=fd00:1::2 dst=2001:db8:2::1 sport=")
                && l.contains("src=fd00:1::3 dst=fd00:1::1 sport=8080")), "both translations: " + ct);
    }

    private Proc.Result ctl(String... args) throws Exception {
        return LAB.ctl(args);
    }
}
