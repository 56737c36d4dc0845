package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

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
 * The FTP helper with NAT on the wire (nf_nat_ftp): inside (10.0.1.20/24, default via the appliance) --
 * appliance in router mode with MASQUERADE (10.0.1.1 inside, 10.0.2.1 outside) -- outside (10.0.2.2/24,
 * a real FTP server, pyftpdlib) with no route back to the inside, so only translated packets can work.
 * The firewall lets new control connections to port 21 out and nothing else NEW: the data connections
 * pass only as RELATED of the ftp helper. Active mode ({@code curl -P -}): the client's EPRT names its
 * inside address, which the helper rewrites to the masqueraded one (one character shorter here: the
 * segment shrinks and the connection's later sequence numbers are adjusted); the server checks that the
 * address is the control connection's peer and connects back, and the expectation's NAT takes it to the
 * client. Passive mode: the data connection from inside is RELATED and masqueraded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FtpNatRouterNetnsIT {
    private static final String FILE = "pkttables ftp through nat e2e\n".repeat(300);

    @RegisterExtension
    static final Lab LAB = Lab.router().client("10.0.1.20/24").gateway("10.0.1.1/24").server("10.0.2.2/24")
            .gateway("10.0.2.1/24").routes().needs("curl");

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        FtpLab.serve(LAB, "FtpNatRouterNetnsIT", "10.0.2.2", FILE);
        FtpLab.helperFirewall(LAB, "-i", LAB.port(0));
        assertOk(LAB.ctl("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", LAB.port(1), "-j", "MASQUERADE"));
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void passiveTransferThroughMasquerade() throws Exception {
        FtpLab.fetchRelated(LAB, "ftp://10.0.2.2/file.txt", FILE);
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void activeTransferThroughMasquerade() throws Exception {
        // -P -: EPRT with the control connection's own (inside) address; the helper translates it
        Proc.Result r = FtpLab.fetchRelated(LAB, "ftp://10.0.2.2/file.txt", FILE, "-v", "-P", "-");
        assertTrue(r.err().contains("EPRT |1|10.0.1.20|"), "curl announced its inside address: " + r.err());
        String ct = LAB.ctl("conntrack", "-L", "-p", "tcp").out();
        // the data connection: opened by the server (original tuple) towards the masqueraded address, its
        // reply tuple from the client's real address
        assertTrue(ct.lines().anyMatch(l -> l.indexOf("src=10.0.2.2 dst=10.0.2.1 ") >= 0
                && l.indexOf("src=10.0.2.2 dst=10.0.2.1 ") < l.indexOf("src=10.0.1.20 dst=10.0.2.2 ")),
                "the server connected to the masqueraded address, translated to the client: " + ct);
    }
}
