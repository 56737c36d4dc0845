package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The FTP conntrack helper on the wire: client -- appliance (bridge mode) -- server in three network
 * namespaces, a real FTP server (pyftpdlib) and a real client (curl). The firewall lets only new
 * connections to port 21 in, plus RELATED connections of the ftp helper; {@code -t raw -j CT --helper
 * ftp} attaches the helper. Passive (EPSV/PASV) and active (EPRT/PORT) transfers work; without the CT
 * rule the data connection is refused. Everything made here is removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FtpHelperNetnsIT {
    private static final String FILE = "pkttables ftp helper e2e\n".repeat(200);

    // the session log bundle: one JSON line per ended connection, relative to the state directory
    @RegisterExtension
    static final Lab LAB = Lab.bridge().client("10.79.0.1/24").server("10.79.0.2/24")
            .deployFile("org.pkttables.conntrack.log.cfg", "file=sessions.json\n").needs("curl");

    @BeforeAll
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        FtpLab.serve(LAB, "FtpHelperNetnsIT", "10.79.0.2", FILE);
        FtpLab.helperFirewall(LAB);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void passiveTransferPassesAsRelated() throws Exception {
        FtpLab.fetchRelated(LAB, "ftp://10.79.0.2/file.txt", FILE);
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void activeTransferLetsTheServerConnectBack() throws Exception {
        // -P -: EPRT/PORT with the control connection's own address; the server connects to the client
        FtpLab.fetchRelated(LAB, "ftp://10.79.0.2/file.txt", FILE, "-P", "-");
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withoutTheHelperTheDataConnectionIsRefused() throws Exception {
        assertOk(LAB.ctl("iptables", "-t", "raw", "-D", "PREROUTING", "-p", "tcp", "--dport", "21", "-j", "CT",
                "--helper", "ftp"));
        try {
            Proc.Result r = LAB.inClient("curl", "-s", "-S", "-m", "8", "--connect-timeout", "4", "ftp://10.79.0.2/file.txt");
            assertNotEquals(0, r.exit(), "the transfer must fail without the helper: " + r.out());
        } finally {
            assertOk(LAB.ctl("iptables", "-t", "raw", "-A", "PREROUTING", "-p", "tcp", "--dport", "21", "-j", "CT",
                    "--helper", "ftp"));
        }
        Proc.Result r = LAB.inClient("curl", "-s", "-S", "-m", "15", "ftp://10.79.0.2/file.txt");
        assertOk(r);
        assertEquals(FILE, r.out(), "with the helper back, transfers work again");
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void endedConnectionsAreInTheSessionLog() throws Exception {
        assertOk(LAB.ctl("conntrack", "-F")); // every entry ends now: DESTROY events
        Path log = LAB.home().resolve("state/sessions.json");
        waitFor("the session log to list the FTP control connections", () -> Files.exists(log)
                && Files.readString(log).contains("\"orig.ip.daddr\":\"10.79.0.2\",\"orig.l4.sport\""), 20);
        String text = Files.readString(log);
        assertTrue(Pattern.compile("\"orig.l4.dport\":21,\"orig.raw.pktcount\":[1-9]").matcher(text).find(), text);
        assertTrue(LAB.ctl("conntrack-log").out().contains("connections written"), LAB.ctl("conntrack-log").out());
    }
}
