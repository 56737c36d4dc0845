package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.sh0;
import static org.pkttables.e2e.Lab.uid;
import static org.pkttables.e2e.Lab.waitFor;

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
 * NAT in router mode on real interfaces: inside (10.0.1.2/24, default via the appliance) -- veth --
 * appliance (10.0.1.1 inside, 10.0.2.1 outside, from its --config script) -- veth -- outside (10.0.2.2/24)
 * with NO route back to 10.0.1.0/24, so only translated traffic can work. MASQUERADE lets the inside curl
 * a python3 http.server outside, whose log shows the appliance's outside address; a DNAT port forward lets
 * the outside curl a server inside; {@code conntrack -L} shows the translated reply tuples.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NatRouterNetnsIT {
    private static final Path ROOT = Proc.ROOT;
    private static final String PAGE = "pkttables nat e2e\n";

    private final String id = String.format(Locale.ROOT, "%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String nsC = "pktn" + id + "c";
    private final String nsF = "pktn" + id + "f";
    private final String nsS = "pktn" + id + "s";
    private final String vC = "pn" + id + "c0";
    private final String vF0 = "pn" + id + "f0";
    private final String vF1 = "pn" + id + "f1";
    private final String vS = "pn" + id + "s0";
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private Path home;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "NatRouterNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
        Lab.assumeInstalled("NatRouterNetnsIT", "libpcap0.8");
        assumeTrue(onPath("ip"), "NatRouterNetnsIT needs iproute2 (`ip`): not installed, skipped");
        for (String tool : List.of("curl", "/usr/bin/python3")) {
            assumeTrue(onPath(tool) || Files.isExecutable(Path.of(tool)),
                    "NatRouterNetnsIT needs `" + tool + "`: not installed, skipped");
        }
        home = Files.createTempDirectory("pkt-e2e-nat");
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        Lab.noIpv6(nsF);
        host(nsC, vC, "10.0.1.2/24");
        host(nsS, vS, "10.0.2.2/24");
        for (String dev : List.of(vF0, vF1)) {
            sh("ip", "-n", nsF, "link", "set", dev, "up");
        }
        sh("ip", "-n", nsC, "route", "add", "default", "via", "10.0.1.1");
        // the outside has no route to 10.0.1.0/24 (nor a default route): replies only reach translated sources
        Path config = home.resolve("router.conf");
        Files.writeString(config, String.join("\n",
                "ip addr add 10.0.1.1/24 dev " + vF0,
                "ip addr add 10.0.2.1/24 dev " + vF1,
                "mode router " + vF0 + "," + vF1,
                ""));
        Process appliance = Lab.background(home, processes, "appliance", "ip", "netns", "exec", nsF,
                ROOT.resolve("bin/pkttables").toString(), "run", "--config", config.toString(), "--socket",
                home.resolve("ctl.sock").toString(), "--state", home.resolve("state").toString(), "--deploy",
                home.resolve("deploy").toString());
        waitFor("the router to come up", () -> {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + Lab.log(home, "appliance"));
            return ctl("ports").out().startsWith("router: 2 ports");
        }, 90);
        Files.createDirectories(home.resolve("out"));
        Files.createDirectories(home.resolve("in"));
        Files.writeString(home.resolve("out").resolve("index.html"), PAGE);
        Files.writeString(home.resolve("in").resolve("index.html"), "inside\n");
        Lab.background(home, processes, "outside-http", "ip", "netns", "exec", nsS, "/usr/bin/python3", "-m",
                "http.server", "80", "--bind", "10.0.2.2", "--directory", home.resolve("out").toString());
        Lab.background(home, processes, "inside-http", "ip", "netns", "exec", nsC, "/usr/bin/python3", "-m",
                "http.server", "8080", "--bind", "10.0.1.2", "--directory", home.resolve("in").toString());
        waitFor("the HTTP servers to listen", () -> sh0("ip", "netns", "exec", nsS, "/usr/bin/python3", "-c",
                "import socket; socket.create_connection(('10.0.2.2', 80), 1).close()").exit() == 0
                && sh0("ip", "netns", "exec", nsC, "/usr/bin/python3", "-c",
                        "import socket; socket.create_connection(('10.0.1.2', 8080), 1).close()").exit() == 0);
    }

    @AfterAll
    void cleanUp() throws Exception {
        Lab.tearDown(processes, namespaces, home);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void masqueradeTakesTheOutsidePortsAddress() throws Exception {
        assertNotEquals(0, curl(nsC, "http://10.0.2.2/index.html").exit(),
                "without NAT the outside cannot answer (no route back)");
        assertOk(ctl("iptables", "-t", "nat", "-A", "POSTROUTING", "-o", vF1, "-j", "MASQUERADE"));
        assertEquals(PAGE, curl(nsC, "http://10.0.2.2/index.html").out());
        waitFor("the server to log the request", () -> Lab.log(home, "outside-http").contains("GET /index.html"));
        String log = Lab.log(home, "outside-http");
        assertTrue(log.contains("10.0.2.1 - - ") && !log.contains("10.0.1.2"),
                "the server saw the appliance's outside address only: " + log);
        String ct = ctl("conntrack", "-L", "-p", "tcp").out();
        assertTrue(ct.contains("src=10.0.1.2 dst=10.0.2.2") && ct.contains("src=10.0.2.2 dst=10.0.2.1"),
                "both tuples, the reply one translated: " + ct);
        String listed = ctl("iptables", "-t", "nat", "-L", "POSTROUTING", "-v", "-n", "-x").out();
        assertTrue(listed.contains("MASQUERADE"), listed);
        // ping (ICMP echo) through the same rule
        assertOk(Lab.inNs(nsC, "ping", "-c", "1", "-W", "5", "10.0.2.2"));
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void dnatPortForwardFromOutsideToAnInsideServer() throws Exception {
        assertOk(ctl("iptables", "-t", "nat", "-A", "PREROUTING", "-i", vF1, "-p", "tcp", "--dport", "8080", "-j",
                "DNAT", "--to-destination", "10.0.1.2:8080"));
        assertEquals("inside\n", curl(nsS, "http://10.0.2.1:8080/index.html").out());
        String ct = ctl("conntrack", "-L", "-p", "tcp", "--dport", "8080").out();
        assertTrue(ct.contains("src=10.0.2.2 dst=10.0.2.1") && ct.contains("src=10.0.1.2 dst=10.0.2.2 sport=8080"),
                "the reply tuple comes from the inside server: " + ct);
    }

    private Proc.Result curl(String ns, String url) throws Exception {
        return Lab.inNs(ns, "curl", "-s", "-m", "5", url);
    }

    private Proc.Result ctl(String... args) throws Exception {
        return Lab.ctl(home, args);
    }

    private static void host(String ns, String dev, String v4) throws Exception {
        sh("ip", "-n", ns, "addr", "add", v4, "dev", dev);
        sh("ip", "-n", ns, "link", "set", dev, "up");
    }
}
