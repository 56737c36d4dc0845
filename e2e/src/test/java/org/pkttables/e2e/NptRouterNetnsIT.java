package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.pkttables.e2e.Lab.assertOk;
import static org.pkttables.e2e.Lab.onPath;
import static org.pkttables.e2e.Lab.sh;
import static org.pkttables.e2e.Lab.sh0;
import static org.pkttables.e2e.Lab.uid;
import static org.pkttables.e2e.Lab.waitFor;

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
 * NPTv6 (RFC 6296) in router mode: a site with the inside prefix fd01:203:405::/48 (client
 * fd01:203:405:1::2) behind the appliance, which translates it to the outside prefix 2001:db8:1::/48 with
 * SNPT on the way out and DNPT on the way in (ext.nptv6); the server (2001:db8:ffff::2) routes that
 * prefix to the appliance. ping6 and curl -6 go across, the server sees the client as RFC 6296's
 * translation 2001:db8:1:d550::2, and the server reaches the client at that address. Everything made here
 * is removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NptRouterNetnsIT {
    private static final Path ROOT = Proc.ROOT;
    private static final String PAGE = "pkttables nptv6 e2e\n";
    private static final String CLIENT = "fd01:203:405:1::2";
    private static final String CLIENT_OUTSIDE = "2001:db8:1:d550::2"; // fd01:203:405:1::2 through the mapping
    private static final String SERVER = "2001:db8:ffff::2";

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
    private Process appliance;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0,
                "NptRouterNetnsIT needs root (network namespaces, raw sockets): skipped when not run as root");
        Lab.assumeInstalled("NptRouterNetnsIT", "libpcap0.8", "iproute2", "iputils-ping", "curl", "python3");
        assumeTrue(onPath("ip"), "NptRouterNetnsIT needs iproute2: skipped");
        home = Files.createTempDirectory("pkt-e2e-nptv6");
        Lab.threeNamespaces(namespaces, nsC, nsF, nsS, vC, vF0, vF1, vS);
        Lab.noIpv6(nsF);
        host(nsC, vC, CLIENT + "/64");
        host(nsS, vS, SERVER + "/64");
        sh("ip", "-n", nsF, "link", "set", vF0, "up");
        sh("ip", "-n", nsF, "link", "set", vF1, "up");
        sh("ip", "-n", nsC, "-6", "route", "add", "default", "via", "fd01:203:405:1::1");
        sh("ip", "-n", nsS, "-6", "route", "add", "2001:db8:1::/48", "via", "2001:db8:ffff::1");
        Path config = home.resolve("router.conf");
        Files.writeString(config, String.join("\n",
                "ip addr add fd01:203:405:1::1/64 dev " + vF0,
                "ip addr add 2001:db8:ffff::1/64 dev " + vF1,
                "ip6tables -t mangle -A POSTROUTING -o " + vF1 + " -s fd01:203:405::/48"
                        + " -j SNPT --src-pfx fd01:203:405::/48 --dst-pfx 2001:db8:1::/48",
                "ip6tables -t mangle -A PREROUTING -i " + vF1 + " -d 2001:db8:1::/48"
                        + " -j DNPT --src-pfx 2001:db8:1::/48 --dst-pfx fd01:203:405::/48",
                "mode router " + vF0 + "," + vF1,
                ""));
        appliance = background("appliance", "ip", "netns", "exec", nsF, ROOT.resolve("bin/pkttables").toString(),
                "run", "--config", config.toString(), "--socket", home.resolve("ctl.sock").toString(), "--state",
                home.resolve("state").toString(), "--deploy", home.resolve("deploy").toString());
        waitFor("the router to come up", () -> {
            assertTrue(appliance.isAlive(), "the appliance exited:\n" + Lab.log(home, "appliance"));
            return ctl("ports").out().startsWith("router: 2 ports");
        }, 90);
        Files.writeString(home.resolve("index.html"), PAGE);
        background("http", "ip", "netns", "exec", nsS, "python3", "-m", "http.server", "80", "--bind", SERVER,
                "--directory", home.toString());
        waitFor("the HTTP server to listen", () -> sh0("ip", "netns", "exec", nsS, "python3", "-c",
                "import socket; socket.create_connection(('" + SERVER + "', 80), 1).close()").exit() == 0, 30);
    }

    @AfterAll
    void cleanUp() throws Exception {
        Lab.tearDown(processes, namespaces, home);
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void pingAcrossBothWays() throws Exception {
        assertOk(Lab.inNs(nsC, "ping", "-6", "-c", "2", "-i", "0.2", "-w", "15", SERVER));
        // from outside, the client is reachable at its translated address only
        assertOk(Lab.inNs(nsS, "ping", "-6", "-c", "2", "-i", "0.2", "-w", "15", CLIENT_OUTSIDE));
        assertTrue(count("PREROUTING") >= 2 && count("POSTROUTING") >= 4,
                "both rules counted: " + ctl("ip6tables", "-t", "mangle", "-L", "-v", "-x", "-n").out());
    }

    @Test
    @Order(2)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void curlAcrossAndTheServerSeesTheOutsideAddress() throws Exception {
        Proc.Result r = Lab.inNs(nsC, "curl", "-6", "-s", "-S", "-m", "15", "http://[" + SERVER + "]/index.html");
        assertOk(r);
        assertEquals(PAGE, r.out());
        waitFor("the server to log the request", () -> Lab.log(home, "http").contains("GET /index.html"), 10);
        String log = Lab.log(home, "http");
        assertTrue(log.contains(CLIENT_OUTSIDE + " - -"), "the server saw the translated source: " + log);
        assertTrue(!log.contains("fd01:203:405"), "the inside prefix never left the site: " + log);
    }

    /** Packets counted by the first rule of a mangle chain. */
    private long count(String chain) throws Exception {
        return RulePackets.of(home, "ip6tables", "mangle", chain, 1);
    }

    private void host(String ns, String dev, String v6) throws Exception {
        sh("ip", "-n", ns, "addr", "add", v6, "dev", dev, "nodad");
        sh("ip", "-n", ns, "link", "set", dev, "up");
    }

    private Proc.Result ctl(String... args) throws Exception {
        return Lab.ctl(home, args);
    }

    private Process background(String name, String... cmd) throws IOException {
        return Lab.background(home, processes, name, cmd);
    }
}
