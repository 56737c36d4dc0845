package org.pkttables.e2e;

import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.sh0;
import static org.pkttables.e2e.Lab.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
 * The bridge family (ebtables) and the arp family (arptables FORWARD) on a live bridge: client --
 * appliance (two ports, {@code bin/pkttables run --bridge}) -- server in network namespaces made here.
 * An ebtables FORWARD DROP on the client's MAC stops ping and curl and counts; arptables FORWARD
 * stops ARP requests, so a fresh neighbour is not resolved; a mark set by ebtables nat PREROUTING is
 * matched by iptables FORWARD. Everything made here is removed at the end, also when a test fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EbtablesBridgeNetnsIT {
    private static final String CLIENT_MAC = "02:77:00:00:00:01";
    private static final String PAGE = "pkttables ebtables e2e\n";

    @RegisterExtension
    static final Lab LAB = Lab.bridge().client("10.78.0.1/24").mac(CLIENT_MAC).server("10.78.0.2/24")
            .needs("ping", "curl", "python3");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        String log = LAB.appliance().log();
        assertTrue(log.contains("ARP also through the arp family's FORWARD"), "the log says what is filtered: " + log);
        Files.writeString(LAB.home().resolve("index.html"), PAGE);
        LAB.httpServer("0.0.0.0", 80);
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.78.0.2"));
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anEbtablesDropOnTheClientMacStopsPingAndCurlCountsAndGoesAway() throws Exception {
        long dropsBefore = workerDrops();
        assertOk(LAB.ctl("ebtables", "-A", "FORWARD", "-s", CLIENT_MAC, "-j", "DROP"));
        assertNotEquals(0, LAB.inClient("ping", "-c", "2", "-i", "0.2", "-W", "1", "10.78.0.2").exit(),
                "ping must fail while the rule is there");
        assertNotEquals(0, curl().exit(), "curl must fail while the rule is there");
        String listed = LAB.ctl("ebtables", "-L", "FORWARD", "--Lc").out();
        Matcher m = Pattern.compile("-s " + CLIENT_MAC + " -j DROP , pcnt = ([0-9]+) -- bcnt = [0-9]+").matcher(listed);
        assertTrue(m.find(), listed);
        assertTrue(Long.parseLong(m.group(1)) >= 3, "the rule counted the pings and the SYN: " + listed);
        assertTrue(workerDrops() - dropsBefore >= 3, "the workers count the drops: " + LAB.ctl("workers").out());
        assertOk(LAB.ctl("ebtables", "-D", "FORWARD", "-s", CLIENT_MAC, "-j", "DROP"));
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.78.0.2"));
        assertEquals(PAGE, curl().out(), "traffic restored");
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anArptablesForwardDropOnRequestsStopsResolvingAFreshNeighbour() throws Exception {
        assertOk(LAB.ctl("arptables", "-A", "FORWARD", "--opcode", "Request", "-j", "DROP"));
        sh("ip", "-n", LAB.clientNs(), "neigh", "flush", "dev", LAB.clientDev());
        sh("ip", "-n", LAB.serverNs(), "neigh", "flush", "dev", LAB.serverDev());
        assertNotEquals(0, LAB.inClient("ping", "-c", "1", "-W", "3", "10.78.0.2").exit(),
                "no ARP reply: the requests are dropped");
        String neigh = sh("ip", "-n", LAB.clientNs(), "neigh", "show", "10.78.0.2").out();
        assertTrue(!neigh.contains("REACHABLE") && !neigh.contains("STALE"), "not resolved: " + neigh);
        String listed = LAB.ctl("arptables", "-S", "FORWARD", "-v").out();
        Matcher m = Pattern.compile("-A FORWARD -j DROP --opcode 1 -c ([0-9]+) ").matcher(listed);
        assertTrue(m.find() && Long.parseLong(m.group(1)) >= 1, "the rule counted the requests: " + listed);

        // call-arptables=false (ConfigAdmin through FileInstall): bridged ARP skips the arp family, the
        // running bridge takes the switch without restarting.
        Path cfg = LAB.home().resolve("deploy").resolve("org.pkttables.io.bridge.cfg");
        Files.writeString(cfg, "ports = " + LAB.ports() + "\ncall-arptables = false\n");
        waitFor("ARP to pass with call-arptables=false", () -> LAB.inClient("ping", "-c", "1", "-W", "1", "10.78.0.2")
                .exit() == 0, 20);
        assertTrue(!LAB.appliance().log().contains("stopped bridging"), "the bridge was not restarted: "
                + LAB.appliance().log());
        Files.writeString(cfg, "ports = " + LAB.ports() + "\ncall-arptables = true\n");
        waitFor("arptables to apply again", () -> {
            sh0("ip", "-n", LAB.clientNs(), "neigh", "flush", "dev", LAB.clientDev());
            return LAB.inClient("ping", "-c", "1", "-W", "1", "10.78.0.2").exit() != 0;
        }, 20);

        assertOk(LAB.ctl("arptables", "-D", "FORWARD", "--opcode", "Request", "-j", "DROP"));
        assertOk(LAB.inClient("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.78.0.2"));
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMarkSetByEbtablesIsMatchedByIptables() throws Exception {
        assertOk(LAB.ctl("ebtables", "-t", "nat", "-A", "PREROUTING", "-j", "mark", "--mark-set", "7", "--mark-target",
                "CONTINUE"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-m", "mark", "--mark", "8", "-j", "ACCEPT"));
        assertOk(LAB.ctl("iptables", "-A", "FORWARD", "-m", "mark", "--mark", "7", "-j", "ACCEPT"));
        try {
            assertEquals(PAGE, curl().out());
            String listed = LAB.ctl("iptables", "-S", "FORWARD", "-v").out();
            assertEquals(0, counted(listed, "0x8"), "no frame has mark 8: " + listed);
            assertTrue(counted(listed, "0x7") >= 5, "curl's packets both ways carried mark 7: " + listed);
            String eb = LAB.ctl("ebtables", "-t", "nat", "-L", "PREROUTING", "--Lc").out();
            assertTrue(eb.contains("-j mark --mark-set 0x7 --mark-target CONTINUE , pcnt = "), eb);
        } finally {
            assertOk(LAB.ctl("iptables", "-F", "FORWARD"));
            assertOk(LAB.ctl("ebtables", "-t", "nat", "-F", "PREROUTING"));
        }
    }

    // ---- helpers ----

    /** The packet counter of the rule matching {@code --mark MARK} in an `iptables -S -v` listing. */
    private static long counted(String listing, String mark) {
        Matcher m = Pattern.compile("--mark " + mark + " -c ([0-9]+) [0-9]+ -j ACCEPT").matcher(listing);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The drops column (filtered frames) of `workers`, summed. */
    private long workerDrops() throws Exception {
        long s = 0;
        for (String line : LAB.ctl("workers").out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[0].matches("[0-9]+")) {
                s += Long.parseLong(f[3]);
            }
        }
        return s;
    }

    private Proc.Result curl() throws Exception {
        return LAB.inClient("curl", "-s", "-m", "4", "http://10.78.0.2:80/index.html");
    }
}
