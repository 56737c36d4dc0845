package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
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
 * NPTv6 (RFC 6296) in router mode: a site with the inside prefix fd01:203:405::/48 (client
 * fd01:203:405:1::2) behind the appliance, which translates it to the outside prefix 2001:db8:1::/48 with
 * SNPT on the way out and DNPT on the way in (ext.nptv6); the server (2001:db8:ffff::2) routes that
 * prefix, and only that, to the appliance. ping6 and curl -6 go across, the server sees the client as RFC
 * 6296's translation 2001:db8:1:d550::2, and the server reaches the client at that address. Everything
 * made here is removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NptRouterNetnsIT {
    private static final String PAGE = "pkttables nptv6 e2e\n";
    private static final String CLIENT = "fd01:203:405:1::2";
    private static final String CLIENT_OUTSIDE = "2001:db8:1:d550::2"; // fd01:203:405:1::2 through the mapping
    private static final String SERVER = "2001:db8:ffff::2";

    @RegisterExtension
    static final Lab LAB = Lab.router().client(CLIENT + "/64").gateway("fd01:203:405:1::1/64")
            .server(SERVER + "/64").gateway("2001:db8:ffff::1/64").routes("2001:db8:1::/48")
            .needs("ping", "curl", "python3");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assertOk(LAB.ctl("ip6tables", "-t", "mangle", "-A", "POSTROUTING", "-o", LAB.port(1), "-s",
                "fd01:203:405::/48", "-j", "SNPT", "--src-pfx", "fd01:203:405::/48", "--dst-pfx", "2001:db8:1::/48"));
        assertOk(LAB.ctl("ip6tables", "-t", "mangle", "-A", "PREROUTING", "-i", LAB.port(1), "-d", "2001:db8:1::/48",
                "-j", "DNPT", "--src-pfx", "2001:db8:1::/48", "--dst-pfx", "fd01:203:405::/48"));
        Files.writeString(LAB.home().resolve("index.html"), PAGE);
        LAB.httpServer(SERVER, 80);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pingAcrossBothWays() throws Exception {
        assertOk(LAB.inClient("ping", "-6", "-c", "2", "-i", "0.2", "-w", "15", SERVER));
        // from outside, the client is reachable at its translated address only
        assertOk(LAB.inServer("ping", "-6", "-c", "2", "-i", "0.2", "-w", "15", CLIENT_OUTSIDE));
        assertTrue(count("PREROUTING") >= 2 && count("POSTROUTING") >= 4,
                "both rules counted: " + LAB.ctl("ip6tables", "-t", "mangle", "-L", "-v", "-x", "-n").out());
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void curlAcrossAndTheServerSeesTheOutsideAddress() throws Exception {
        Proc.Result r = LAB.inClient("curl", "-6", "-s", "-S", "-m", "15", "http://[" + SERVER + "]/index.html");
        assertOk(r);
        assertEquals(PAGE, r.out());
        waitFor("the server to log the request", () -> LAB.log("http80").contains("GET /index.html"), 10);
        String log = LAB.log("http80");
        assertTrue(log.contains(CLIENT_OUTSIDE + " - -"), "the server saw the translated source: " + log);
        assertTrue(!log.contains("fd01:203:405"), "the inside prefix never left the site: " + log);
    }

    /** Packets counted by the first rule of a mangle chain. */
    private long count(String chain) throws Exception {
        return Readings.rulePackets(LAB, "ip6tables", "mangle", chain, 1);
    }
}
