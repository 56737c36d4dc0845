package org.pkttables.e2e;

import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.sh0;
import static org.pkttables.e2e.Lab.uid;
import static org.pkttables.e2e.Lab.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

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
    private static final Path ROOT = Proc.ROOT;
    private static final String CLIENT_MAC = "02:77:00:00:00:01";
    private static final String PAGE = "pkttables ebtables e2e\n";

    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pkeb" + id + "c";
    private final String nsF = "pkeb" + id + "f";
    private final String nsS = "pkeb" + id + "s";
    private final String vC = "pb" + id + "c0";
    private final String vF0 = "pb" + id + "f0";
    private final String vF1 = "pb" + id + "f1";
    private final String vS = "pb" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "EbtablesBridgeNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
        Lab.assumeInstalled("EbtablesBridgeNetnsIT", "libpcap0.8");
        for (String tool : List.of("ip", "ping", "curl", "python3")) {
            assumeTrue(onPath(tool), "EbtablesBridgeNetnsIT needs `" + tool + "`: not installed, skipped");
        }
        home = Files.createTempDirectory("pkt-e2e-ebtables");
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        sh("ip", "-n", nsC, "link", "set", vC, "address", CLIENT_MAC);
        Lab.noIpv6(nsF);
        sh("ip", "-n", nsC, "addr", "add", "10.78.0.1/24", "dev", vC);
        sh("ip", "-n", nsS, "addr", "add", "10.78.0.2/24", "dev", vS);
        for (String[] l : new String[][] {{nsC, vC}, {nsS, vS}, {nsF, vF0}, {nsF, vF1}}) {
            sh("ip", "-n", l[0], "link", "set", l[1], "up");
        }
        Process appliance = background("appliance", "ip", "netns", "exec", nsF,
                ROOT.resolve("bin/pkttables").toString(), "run", "--bridge", vF0 + "," + vF1, "--socket",
                home.resolve("ctl.sock").toString(), "--state", home.resolve("state").toString(), "--deploy",
                home.resolve("deploy").toString());
        long end = System.currentTimeMillis() + 90_000;
        String ports = "";
        while (System.currentTimeMillis() < end) {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + log("appliance"));
            Proc.Result r = ctl("ports");
            ports = r.out() + r.err();
            if (r.exit() == 0 && r.out().startsWith("bridge: 2 ports")) {
                break;
            }
            Thread.sleep(300);
        }
        assertTrue(ports.startsWith("bridge: 2 ports"), "the bridge did not come up: " + ports + "\n"
                + log("appliance"));
        assertTrue(log("appliance").contains("ARP also through the arp family's FORWARD"),
                "the log says what is filtered: " + log("appliance"));
        Files.writeString(home.resolve("index.html"), PAGE);
        background("http", "ip", "netns", "exec", nsS, "python3", "-m", "http.server", "80", "--bind", "0.0.0.0",
                "--directory", home.toString());
        waitFor("the HTTP server to listen", () -> sh0("ip", "netns", "exec", nsS, "python3", "-c",
                "import socket; socket.create_connection(('127.0.0.1', 80), 1).close()").exit() == 0);
        assertOk(client("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.78.0.2"));
    }

    @AfterAll
    void cleanUp() throws Exception {
        Lab.tearDown(processes, namespaces, home);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anEbtablesDropOnTheClientMacStopsPingAndCurlCountsAndGoesAway() throws Exception {
        long dropsBefore = workerDrops();
        assertOk(ctl("ebtables", "-A", "FORWARD", "-s", CLIENT_MAC, "-j", "DROP"));
        assertNotEquals(0, client("ping", "-c", "2", "-i", "0.2", "-W", "1", "10.78.0.2").exit(),
                "ping must fail while the rule is there");
        assertNotEquals(0, curl().exit(), "curl must fail while the rule is there");
        String listed = ctl("ebtables", "-L", "FORWARD", "--Lc").out();
        Matcher m = Pattern.compile("-s " + CLIENT_MAC + " -j DROP , pcnt = ([0-9]+) -- bcnt = [0-9]+").matcher(listed);
        assertTrue(m.find(), listed);
        assertTrue(Long.parseLong(m.group(1)) >= 3, "the rule counted the pings and the SYN: " + listed);
        assertTrue(workerDrops() - dropsBefore >= 3, "the workers count the drops: " + ctl("workers").out());
        assertOk(ctl("ebtables", "-D", "FORWARD", "-s", CLIENT_MAC, "-j", "DROP"));
        assertOk(client("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.78.0.2"));
        assertEquals(PAGE, curl().out(), "traffic restored");
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anArptablesForwardDropOnRequestsStopsResolvingAFreshNeighbour() throws Exception {
        assertOk(ctl("arptables", "-A", "FORWARD", "--opcode", "Request", "-j", "DROP"));
        sh("ip", "-n", nsC, "neigh", "flush", "dev", vC);
        sh("ip", "-n", nsS, "neigh", "flush", "dev", vS);
        assertNotEquals(0, client("ping", "-c", "1", "-W", "3", "10.78.0.2").exit(),
                "no ARP reply: the requests are dropped");
        String neigh = sh("ip", "-n", nsC, "neigh", "show", "10.78.0.2").out();
        assertTrue(!neigh.contains("REACHABLE") && !neigh.contains("STALE"), "not resolved: " + neigh);
        String listed = ctl("arptables", "-S", "FORWARD", "-v").out();
        Matcher m = Pattern.compile("-A FORWARD -j DROP --opcode 1 -c ([0-9]+) ").matcher(listed);
        assertTrue(m.find() && Long.parseLong(m.group(1)) >= 1, "the rule counted the requests: " + listed);

        // call-arptables=false (ConfigAdmin through FileInstall): bridged ARP skips the arp family, the
        // running bridge takes the switch without restarting.
        Path cfg = home.resolve("deploy").resolve("org.pkttables.io.bridge.cfg");
        Files.writeString(cfg, "ports = " + vF0 + "," + vF1 + "\ncall-arptables = false\n");
        waitFor("ARP to pass with call-arptables=false", () -> client("ping", "-c", "1", "-W", "1", "10.78.0.2")
                .exit() == 0, 20);
        assertTrue(!log("appliance").contains("stopped bridging"), "the bridge was not restarted: "
                + log("appliance"));
        Files.writeString(cfg, "ports = " + vF0 + "," + vF1 + "\ncall-arptables = true\n");
        waitFor("arptables to apply again", () -> {
            sh0("ip", "-n", nsC, "neigh", "flush", "dev", vC);
            return client("ping", "-c", "1", "-W", "1", "10.78.0.2").exit() != 0;
        }, 20);

        assertOk(ctl("arptables", "-D", "FORWARD", "--opcode", "Request", "-j", "DROP"));
        assertOk(client("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.78.0.2"));
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMarkSetByEbtablesIsMatchedByIptables() throws Exception {
        assertOk(ctl("ebtables", "-t", "nat", "-A", "PREROUTING", "-j", "mark", "--mark-set", "7", "--mark-target",
                "CONTINUE"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-m", "mark", "--mark", "8", "-j", "ACCEPT"));
        assertOk(ctl("iptables", "-A", "FORWARD", "-m", "mark", "--mark", "7", "-j", "ACCEPT"));
        try {
            assertEquals(PAGE, curl().out());
            String listed = ctl("iptables", "-S", "FORWARD", "-v").out();
            assertEquals(0, counted(listed, "0x8"), "no frame has mark 8: " + listed);
            assertTrue(counted(listed, "0x7") >= 5, "curl's packets both ways carried mark 7: " + listed);
            String eb = ctl("ebtables", "-t", "nat", "-L", "PREROUTING", "--Lc").out();
            assertTrue(eb.contains("-j mark --mark-set 0x7 --mark-target CONTINUE , pcnt = "), eb);
        } finally {
            assertOk(ctl("iptables", "-F", "FORWARD"));
            assertOk(ctl("ebtables", "-t", "nat", "-F", "PREROUTING"));
        }
    }

    // ---- helpers ----

    /** The packet counter of the rule matching {@code --mark MARK} in an `iptables -S -v` listing. */
    private static long counted(String listing, String mark) {
        Matcher m = Pattern.compile("--mark " + mark + " -j ACCEPT -c ([0-9]+) ").matcher(listing);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** The drops column (filtered frames) of `workers`, summed. */
    private long workerDrops() throws Exception {
        long s = 0;
        for (String line : ctl("workers").out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[0].matches("[0-9]+")) {
                s += Long.parseLong(f[3]);
            }
        }
        return s;
    }

    private Proc.Result curl() throws Exception {
        return client("curl", "-s", "-m", "4", "http://10.78.0.2:80/index.html");
    }

    private Proc.Result client(String... cmd) throws Exception {
        return Lab.inNs(nsC, cmd);
    }

    private Proc.Result ctl(String... args) throws Exception {
        return Lab.ctl(home, args);
    }

    private Process background(String name, String... cmd) throws IOException {
        return Lab.background(home, processes, name, cmd);
    }

    private String log(String name) throws IOException {
        return Lab.log(home, name);
    }
}
