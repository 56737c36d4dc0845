package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fragmented datagrams through a stateful bridge (br_netfilter's iptables/ip6tables calls): client
 * (10.84.0.1, fd84::1) -- appliance in bridge mode -- server (10.84.0.2, fd84::2), veths of MTU 1500.
 * FORWARD policy DROP, ESTABLISHED,RELATED accepted, new UDP to port 5353 and echo requests accepted
 * (IPv6 neighbour discovery too). The server's 4000-byte UDP answers and {@code ping -s 3000} arrive whole,
 * as through a kernel bridge with br_netfilter and the same rules: the appliance reassembles before
 * conntrack and sends the datagram on in fragments no larger than its largest one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefragBridgeNetnsIT {
    @RegisterExtension
    static final Lab LAB = Lab.bridge().client("10.84.0.1/24", "fd84::1/64").server("10.84.0.2/24", "fd84::2/64")
            .needs("python3", "ping");

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void rules() throws Exception {
        Files.writeString(LAB.home().resolve("udp_server.py"), DefragRouterNetnsIT.SERVER);
        Files.writeString(LAB.home().resolve("udp_client.py"), DefragRouterNetnsIT.CLIENT);
        LAB.background("udp4", LAB.serverNs(), "python3", LAB.home().resolve("udp_server.py").toString(), "10.84.0.2",
                "5353");
        LAB.background("udp6", LAB.serverNs(), "python3", LAB.home().resolve("udp_server.py").toString(), "fd84::2",
                "5353");
        Lab.waitFor("the UDP servers to start", () -> LAB.log("udp4").contains("ready") && LAB.log("udp6").contains("ready"));
        for (String tool : new String[] { "iptables", "ip6tables" }) {
            boolean v6 = tool.equals("ip6tables");
            assertOk(LAB.ctl(tool, "-P", "FORWARD", "DROP"));
            assertOk(LAB.ctl(tool, "-A", "FORWARD", "-m", "conntrack", "--ctstate", "ESTABLISHED,RELATED", "-j", "ACCEPT"));
            assertOk(LAB.ctl(tool, "-A", "FORWARD", "-p", "udp", "--dport", "5353", "-m", "conntrack", "--ctstate", "NEW",
                    "-j", "ACCEPT"));
            if (v6) {
                for (String type : new String[] { "echo-request", "neighbour-solicitation", "neighbour-advertisement" }) {
                    assertOk(LAB.ctl(tool, "-A", "FORWARD", "-p", "icmpv6", "--icmpv6-type", type, "-j", "ACCEPT"));
                }
            } else {
                assertOk(LAB.ctl(tool, "-A", "FORWARD", "-p", "icmp", "--icmp-type", "echo-request", "-j", "ACCEPT"));
            }
        }
        assertOk(LAB.ctl("iptables", "-I", "FORWARD", "1", "-f", "-j", "DROP"));
    }

    private Proc.Result ask(String server) throws Exception {
        return LAB.inClient("python3", LAB.home().resolve("udp_client.py").toString(), server, "5353",
                String.valueOf(DefragRouterNetnsIT.ANSWER));
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void fragmentedAnswersAndBigPingsCrossTheStatefulBridge() throws Exception {
        Proc.Result r = ask("10.84.0.2");
        assertEquals("ok " + DefragRouterNetnsIT.ANSWER + "\n", r.out(), () -> r.err() + diagnostics());
        assertOk(LAB.inClient("ping", "-c", "2", "-s", "3000", "-W", "5", "10.84.0.2"));
        Proc.Result r6 = ask("fd84::2");
        assertEquals("ok " + DefragRouterNetnsIT.ANSWER + "\n", r6.out(), () -> r6.err() + diagnostics());
        assertOk(LAB.inClient("ping", "-6", "-c", "1", "-s", "3000", "-W", "5", "fd84::2"));
        String d = defrag();
        assertTrue(stat(d, "IpReasmOKs") >= 5 && stat(d, "Ip6ReasmOKs") >= 3, d);
        assertEquals(0, stat(d, "IpReasmFails") + stat(d, "Ip6ReasmFails"), d);
        String f = LAB.ctl("iptables", "-L", "FORWARD", "-v", "-n", "-x").out();
        assertTrue(Pattern.compile("(?m)^\\s+0\\s+0\\s+DROP\\s+\\S+\\s+-f\\s").matcher(f).find(), f);
    }

    private String diagnostics() {
        try {
            return "\nserver4: " + LAB.log("udp4") + "\nserver6: " + LAB.log("udp6") + "\ndefrag:\n" + defrag()
                    + "conntrack:\n" + LAB.ctl("conntrack", "-L").out() + LAB.ctl("iptables-save", "-c").out()
                    + LAB.ctl("ip6tables-save", "-c").out() + LAB.ctl("workers").out();
        } catch (Exception e) {
            return "\n(diagnostics failed: " + e + ")";
        }
    }

    private String defrag() throws Exception {
        Proc.Result r = LAB.ctl("conntrack-stat", "defrag");
        assertOk(r);
        return r.out();
    }

    private static long stat(String d, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(d);
        assertTrue(m.find(), name + " in " + d);
        return Long.parseLong(m.group(1));
    }
}
