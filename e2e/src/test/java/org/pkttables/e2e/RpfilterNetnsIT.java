package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.uid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

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
    private static final Path ROOT = Proc.ROOT;

    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pktp" + id + "c";
    private final String nsF = "pktp" + id + "f";
    private final String nsS = "pktp" + id + "s";
    private final String vC = "pp" + id + "c0";
    private final String vF0 = "pp" + id + "f0";
    private final String vF1 = "pp" + id + "f1";
    private final String vS = "pp" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "RpfilterNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
        Lab.assumeInstalled("RpfilterNetnsIT", "libpcap0.8");
        for (String tool : List.of("ip", "ping", "iptables", "ip6tables")) {
            assumeTrue(onPath(tool), "RpfilterNetnsIT needs `" + tool + "`: not installed, skipped");
        }
        home = Files.createTempDirectory("pkt-e2e-rpfilter");
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        Lab.noIpv6(nsF);
        host(nsC, vC, "10.0.1.2/24", "fd00:1::2/64");
        host(nsS, vS, "10.0.2.2/24", "fd00:2::2/64");
        // the spoofer's borrowed addresses: they belong behind the appliance's other port. The IPv6 one
        // is deprecated, or source selection (longest matching prefix) would pick it for fd00:2::2.
        sh("ip", "-n", nsC, "addr", "add", "10.0.2.99/32", "dev", vC);
        sh("ip", "-n", nsC, "addr", "add", "fd00:2::99/128", "dev", vC, "nodad", "preferred_lft", "0");
        for (String dev : List.of(vF0, vF1)) {
            sh("ip", "-n", nsF, "link", "set", dev, "up");
        }
        sh("ip", "-n", nsC, "route", "add", "default", "via", "10.0.1.1");
        sh("ip", "-n", nsC, "-6", "route", "add", "default", "via", "fd00:1::1");
        sh("ip", "-n", nsS, "route", "add", "default", "via", "10.0.2.1");
        sh("ip", "-n", nsS, "-6", "route", "add", "default", "via", "fd00:2::1");
        // the server's kernel counts the echo requests from the borrowed addresses before anything else
        sh("ip", "netns", "exec", nsS, "iptables", "-t", "raw", "-A", "PREROUTING", "-s", "10.0.2.99", "-p", "icmp");
        sh("ip", "netns", "exec", nsS, "ip6tables", "-t", "raw", "-A", "PREROUTING", "-s", "fd00:2::99", "-p",
                "ipv6-icmp", "--icmpv6-type", "echo-request");
        Path config = home.resolve("router.conf");
        Files.writeString(config, String.join("\n",
                "ip addr add 10.0.1.1/24 dev " + vF0,
                "ip addr add fd00:1::1/64 dev " + vF0,
                "ip addr add 10.0.2.1/24 dev " + vF1,
                "ip addr add fd00:2::1/64 dev " + vF1,
                "mode router " + vF0 + "," + vF1,
                ""));
        Process appliance = background("appliance", "ip", "netns", "exec", nsF, ROOT.resolve("bin/pkttables").toString(),
                "run", "--config", config.toString(), "--socket", home.resolve("ctl.sock").toString(), "--state",
                home.resolve("state").toString(), "--deploy", home.resolve("deploy").toString());
        long end = System.currentTimeMillis() + 90_000;
        String ports = "";
        while (System.currentTimeMillis() < end) {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + log("appliance"));
            Proc.Result r = ctl("ports");
            ports = r.out() + r.err();
            if (r.exit() == 0 && r.out().startsWith("router: 2 ports")) {
                break;
            }
            Thread.sleep(300);
        }
        assertTrue(ports.startsWith("router: 2 ports"), "the router did not come up: " + ports + "\n" + log("appliance"));
        assertOk(ctl("iptables", "-t", "raw", "-A", "PREROUTING", "-m", "rpfilter", "--invert", "-j", "DROP"));
        assertOk(ctl("ip6tables", "-t", "raw", "-A", "PREROUTING", "-m", "rpfilter", "--invert", "-j", "DROP"));
    }

    @AfterAll
    void cleanUp() throws Exception {
        Lab.tearDown(processes, namespaces, home);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void rightPortPassesBothWays() throws Exception {
        assertOk(client("ping", "-c", "2", "-i", "0.2", "-w", "15", "10.0.2.2"));
        assertOk(client("ping", "-6", "-c", "2", "-i", "0.2", "-w", "15", "fd00:2::2"));
        assertOk(server("ping", "-c", "1", "-w", "10", "10.0.1.2"));
        assertOk(server("ping", "-6", "-c", "1", "-w", "10", "fd00:1::2"));
        assertOk(client("ping", "-c", "1", "-w", "5", "10.0.1.1"));
        assertEquals(0, drops("iptables"), "nothing legitimate was dropped:\n" + listing("iptables"));
        assertEquals(0, drops("ip6tables"), "nothing legitimate was dropped:\n" + listing("ip6tables"));
        assertTrue(ctl("ip", "route").out().contains("10.0.2.0/24 dev " + vF1 + " proto kernel scope link src 10.0.2.1"),
                ctl("ip", "route").out());
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void spoofedIpv4SourceOnTheWrongPortIsDroppedAndCounted() throws Exception {
        assertOk(client("ping", "-c", "1", "-w", "10", "10.0.2.2"));
        long before = drops("iptables");
        assertNotEquals(0, client("ping", "-c", "3", "-i", "0.2", "-W", "1", "-I", "10.0.2.99", "10.0.2.2").exit());
        assertTrue(drops("iptables") >= before + 3, "3 spoofed echo requests dropped:\n" + listing("iptables"));
        assertEquals(0, serverSaw("iptables"), "none reached the server");
        assertOk(client("ping", "-c", "1", "-w", "10", "10.0.2.2")); // the client's own address still passes
    }

    @Test
    @Order(3)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void spoofedIpv6SourceOnTheWrongPortIsDroppedAndCounted() throws Exception {
        // a fresh neighbour entry first, so no solicitation goes out from the borrowed address
        assertOk(client("ping", "-6", "-c", "1", "-w", "10", "fd00:2::2"));
        long before = drops("ip6tables");
        assertNotEquals(0, client("ping", "-6", "-c", "3", "-i", "0.2", "-W", "1", "-I", "fd00:2::99", "fd00:2::2").exit());
        assertTrue(drops("ip6tables") >= before + 3, "3 spoofed echo requests dropped:\n" + listing("ip6tables"));
        assertEquals(0, serverSaw("ip6tables"), "none reached the server");
        assertOk(client("ping", "-6", "-c", "1", "-w", "10", "fd00:2::2"));
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void withoutTheRulesTheSpoofedPacketsGoThrough() throws Exception {
        // the control: it is the rpfilter rules that stopped them, not the lab
        assertOk(ctl("iptables", "-t", "raw", "-D", "PREROUTING", "-m", "rpfilter", "--invert", "-j", "DROP"));
        assertOk(ctl("ip6tables", "-t", "raw", "-D", "PREROUTING", "-m", "rpfilter", "--invert", "-j", "DROP"));
        client("ping", "-c", "2", "-i", "0.2", "-W", "1", "-I", "10.0.2.99", "10.0.2.2");
        client("ping", "-6", "-c", "2", "-i", "0.2", "-W", "1", "-I", "fd00:2::99", "fd00:2::2");
        assertTrue(serverSaw("iptables") >= 2, "the spoofed IPv4 requests reached the server");
        assertTrue(serverSaw("ip6tables") >= 2, "the spoofed IPv6 requests reached the server");
    }

    // ---- helpers ----

    /** Packets of the appliance's rpfilter DROP rule. */
    private long drops(String tool) throws Exception {
        return packets(listing(tool), "DROP");
    }

    private String listing(String tool) throws Exception {
        Proc.Result r = ctl(tool, "-t", "raw", "-L", "PREROUTING", "-v", "-n", "-x");
        assertOk(r);
        return r.out();
    }

    /** Packets the server's kernel saw from the borrowed address (its raw PREROUTING counting rule). */
    private long serverSaw(String tool) throws Exception {
        Proc.Result r = server(tool, "-t", "raw", "-L", "PREROUTING", "-v", "-n", "-x");
        assertOk(r);
        for (String line : r.out().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 2 && f[0].matches("[0-9]+")) {
                return Long.parseLong(f[0]);
            }
        }
        throw new AssertionError("no counting rule in the server's raw table:\n" + r.out());
    }

    private Proc.Result client(String... cmd) throws Exception {
        return Lab.inNs(nsC, cmd);
    }

    private Proc.Result server(String... cmd) throws Exception {
        return Lab.inNs(nsS, cmd);
    }

    private Proc.Result ctl(String... args) throws Exception {
        return Lab.ctl(home, args);
    }

    private void host(String ns, String dev, String v4, String v6) throws Exception {
        sh("ip", "-n", ns, "addr", "add", v4, "dev", dev);
        sh("ip", "-n", ns, "addr", "add", v6, "dev", dev, "nodad");
        sh("ip", "-n", ns, "link", "set", dev, "up");
    }

    private Process background(String name, String... cmd) throws IOException {
        return Lab.background(home, processes, name, cmd);
    }

    private String log(String name) throws IOException {
        return Lab.log(home, name);
    }

    /** The packet counter of the first rule with {@code target} in an `iptables -L -v -n -x` listing. */
    private static long packets(String listing, String target) {
        for (String line : listing.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 2 && f[0].matches("[0-9]+") && f[2].equals(target)) {
                return Long.parseLong(f[0]);
            }
        }
        return -1;
    }
}
