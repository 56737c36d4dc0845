package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pkttables.e2e.Lab.assertOk;

import java.nio.file.Files;
import java.util.List;
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
 * Issue 15, acceptance 1: Debian's ufw, unchanged, pointed at the command shims through
 * {@code /etc/alternatives} ({@link PrivateUfw}), runs its commands against a router-mode appliance, and the
 * same commands run against a kernel namespace with the real iptables 1.8.9. Every command succeeds on both
 * with the same output, and after each one the appliance's {@code iptables-save} and {@code ip6tables-save}
 * equal the kernel's (counters and comments aside). Then ufw's routed rules decide the traffic the appliance
 * forwards: client (10.0.1.2/24, fd00:1::2/64 and 192.0.2.2/24 on one link) -- appliance -- server
 * (10.0.2.2/24, fd00:2::2/64) with web servers on ports 80 and 8080.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UfwShimsNetnsIT {
    private static final String PAGE = "pkttables ufw e2e\n";

    @RegisterExtension
    static final Lab LAB = Lab.router().client("10.0.1.2/24", "fd00:1::2/64", "192.0.2.2/24")
            .gateway("10.0.1.1/24", "fd00:1::1/64").server("10.0.2.2/24", "fd00:2::2/64")
            .gateway("10.0.2.1/24", "fd00:2::1/64").packages("ufw", "iptables", "curl", "python3")
            .needs("ufw", "unshare", "curl", "python3");

    private PrivateUfw kernel;
    private PrivateUfw appliance;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void lab() throws Exception {
        // The client's second net, 192.0.2.0/24 (ufw's denied one), is on the appliance's first port too.
        assertOk(LAB.ctl("ip", "addr", "add", "192.0.2.1/24", "dev", LAB.port(0)));
        kernel = PrivateUfw.kernel(LAB.home().resolve("ufw-kernel"), LAB.namespace("k"));
        appliance = PrivateUfw.appliance(LAB.home().resolve("ufw-appliance"), LAB.appliance().socket());
        Files.writeString(LAB.home().resolve("index.html"), PAGE);
        LAB.httpServer("::", 80);
        LAB.httpServer("::", 8080);
    }

    @Test
    @Order(1)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void theAcceptanceCommandsSucceedAndLeaveTheKernelsRuleset() throws Exception {
        Proc.Result enabled = both("y\n", "enable");
        assertTrue(enabled.out().contains("Firewall is active and enabled on system startup"), enabled.out());
        both(null, "allow", "22/tcp");
        both(null, "deny", "from", "192.0.2.0/24");
        Proc.Result status = both(null, "status", "verbose");
        assertTrue(status.out().startsWith("Status: active\n"), status.out());
        assertTrue(status.out().contains("Default: deny (incoming), allow (outgoing)"), status.out());
        assertTrue(status.out().matches("(?s).*\n22/tcp +ALLOW IN +Anywhere.*"), status.out());
        assertTrue(status.out().matches("(?s).*\nAnywhere +DENY IN +192\\.0\\.2\\.0/24.*"), status.out());
        assertTrue(status.out().matches("(?s).*\n22/tcp \\(v6\\) +ALLOW IN +Anywhere \\(v6\\).*"), status.out());
        assertTrue(both(null, "reload").out().contains("Firewall reloaded"));
        // The listings ufw prints from `iptables -L -n -v -x` (the counters are 0 on both: no traffic).
        both(null, "show", "user-rules");
        assertTrue(both(null, "disable").out().contains("Firewall stopped and disabled"));
        assertEquals("Status: inactive\n", both(null, "status").out());
    }

    @Test
    @Order(2)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void ufwsRoutedRulesDecideTheForwardedTraffic() throws Exception {
        // Disabled: ufw left its chains with ACCEPT policies; everything passes.
        assertEquals(PAGE, curl(null, "10.0.2.2", 8080).out());
        assertEquals(PAGE, curl("192.0.2.2", "10.0.2.2", 80).out());

        both("y\n", "enable"); // routed: deny (the package's DEFAULT_FORWARD_POLICY)
        assertNotEquals(0, curl(null, "10.0.2.2", 80).exit(), "ufw's default denies routed traffic");
        both(null, "route", "deny", "from", "192.0.2.0/24");
        both(null, "route", "allow", "proto", "tcp", "to", "any", "port", "80");
        assertRouted();
        Proc.Result status = both(null, "status", "verbose");
        assertTrue(status.out().matches("(?s).*\nAnywhere +DENY FWD +192\\.0\\.2\\.0/24.*"), status.out());
        assertTrue(status.out().matches("(?s).*\n80/tcp +ALLOW FWD +Anywhere.*"), status.out());

        both(null, "reload");
        assertRouted();

        both(null, "disable");
        assertEquals(PAGE, curl(null, "10.0.2.2", 8080).out());
        assertEquals(PAGE, curl("192.0.2.2", "10.0.2.2", 80).out());
        assertEquals(PAGE, curl(null, "[fd00:2::2]", 8080).out());
    }

    /** {@code route deny from 192.0.2.0/24}, then {@code route allow proto tcp to any port 80}, routed deny. */
    private void assertRouted() throws Exception {
        assertEquals(PAGE, curl(null, "10.0.2.2", 80).out(), "port 80 allowed");
        assertEquals(PAGE, curl(null, "[fd00:2::2]", 80).out(), "port 80 allowed over IPv6 too");
        assertNotEquals(0, curl(null, "10.0.2.2", 8080).exit(), "port 8080: the routed default denies");
        assertNotEquals(0, curl(null, "[fd00:2::2]", 8080).exit(), "port 8080 over IPv6: denied too");
        assertNotEquals(0, curl("192.0.2.2", "10.0.2.2", 80).exit(), "192.0.2.0/24 is denied before port 80 is allowed");
        String listed = LAB.ctl("iptables", "-L", "ufw-user-forward", "-v", "-n", "-x").out();
        assertTrue(Readings.packets(listed, "DROP") > 0, "the deny counted the SYNs from 192.0.2.2: " + listed);
        assertTrue(Readings.packets(listed, "ACCEPT") > 0, "the allow counted the connection to port 80: " + listed);
    }

    /**
     * ufw {@code args} against the kernel and against the appliance: both succeed with the same output and
     * leave the same rulesets; returns the appliance's run.
     */
    private Proc.Result both(String stdin, String... args) throws Exception {
        String what = "ufw " + String.join(" ", args);
        Proc.Result k = kernel.ufw(stdin, args);
        Proc.Result a = appliance.ufw(stdin, args);
        assertEquals(0, k.exit(), what + " against the kernel: " + k.out() + k.err());
        assertEquals(0, a.exit(), what + " against the appliance: " + a.out() + a.err());
        assertEquals(k.out(), a.out(), what + ": what ufw printed");
        assertEquals(k.err(), a.err(), what + ": what ufw printed on stderr");
        for (String tool : List.of("iptables", "ip6tables")) {
            assertEquals(kernel.ruleset(tool), appliance.ruleset(tool), "after " + what + ", " + tool + "-save of the"
                    + " appliance (through the shims) and of the kernel, counters aside");
        }
        return a;
    }

    /** curl from the client (from address {@code from} when not null) to {@code host:port}, 3 s at most. */
    private Proc.Result curl(String from, String host, int port) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("curl", "-s", "-g", "-m", "3"));
        if (from != null) {
            cmd.addAll(List.of("--interface", from));
        }
        cmd.add("http://" + host + ":" + port + "/index.html");
        return LAB.inClient(cmd.toArray(new String[0]));
    }
}
