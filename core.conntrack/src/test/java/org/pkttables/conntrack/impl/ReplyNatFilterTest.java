package org.pkttables.conntrack.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pkttables.conntrack.ConntrackEntry;
import org.pkttables.conntrack.CtStatus;

/**
 * conntrack-tools 1.4.7's reply-tuple and NAT-address selections ({@code -q}, {@code -r},
 * {@code --reply-port-src/dst}, {@code --any-nat [ADDR]}, {@code --src-nat ADDR}, {@code --dst-nat ADDR}) as
 * parsed from a command line and applied to entries: a masqueraded one, a port-forwarded one, a plain one.
 */
class ReplyNatFilterTest {
    /** 10.0.1.2:4000 -> 198.51.100.7:80, source translated to 203.0.113.1:4000. */
    private static final ConntrackEntry SNAT = entry("10.0.1.2", "198.51.100.7", 4000, 80, "198.51.100.7", "203.0.113.1",
            80, 4000, CtStatus.SRC_NAT);
    /** 198.51.100.7:5000 -> 203.0.113.1:8080, destination translated to 10.0.1.9:80. */
    private static final ConntrackEntry DNAT = entry("198.51.100.7", "203.0.113.1", 5000, 8080, "10.0.1.9",
            "198.51.100.7", 80, 5000, CtStatus.DST_NAT);
    private static final ConntrackEntry PLAIN = entry("10.0.1.2", "10.0.1.9", 4001, 22, "10.0.1.9", "10.0.1.2", 22,
            4001, 0);
    /** 10.0.1.2:4002 -> 10.0.1.9:2121, only the destination port translated (to 21). */
    private static final ConntrackEntry DPAT = entry("10.0.1.2", "10.0.1.9", 4002, 2121, "10.0.1.9", "10.0.1.2", 21,
            4002, CtStatus.DST_NAT);
    private static final List<ConntrackEntry> ALL = List.of(SNAT, DNAT, PLAIN, DPAT);

    private static ConntrackEntry entry(String os, String od, int osp, int odp, String rs, String rd, int rsp, int rdp,
            int status) {
        try {
            return new ConntrackEntry(1, 4, 6, "ESTABLISHED", InetAddress.getByName(os), InetAddress.getByName(od), osp,
                    odp, InetAddress.getByName(rs), InetAddress.getByName(rd), rsp, rdp, 0, 0,
                    status | CtStatus.SEEN_REPLY, 100, 0, 0, 0, 0, 0);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The entries a command line selects (the table's status filter and this one, as the command applies them). */
    private static List<ConntrackEntry> select(String line) {
        ConntrackOptions o = ConntrackOptions.parse(List.of(line.split(" ")));
        int set = o.filter().statusSet();
        return ALL.stream().filter(e -> (e.status() & set) == set && o.reply().test(e)).toList();
    }

    @Test
    void replyTupleFilters() {
        assertEquals(List.of(SNAT), select("-L -r 203.0.113.1"));
        assertEquals(List.of(SNAT), select("-L --reply-dst 203.0.113.1"));
        assertEquals(List.of(DNAT), select("-L -q 10.0.1.9 -p tcp --reply-port-src 80"));
        assertEquals(List.of(PLAIN), select("-D --reply-src 10.0.1.9 -p tcp --reply-port-src 22"));
        assertEquals(List.of(DNAT), select("-C -p tcp --reply-port-dst 5000"));
        assertEquals(List.of(), select("-L -q 10.0.1.9 -r 10.0.1.3"));
    }

    @Test
    void natFiltersWithAndWithoutAnAddress() {
        assertEquals(List.of(SNAT, DNAT, DPAT), select("-L --any-nat"));
        assertEquals(List.of(SNAT, DNAT, DPAT), select("-L -j -p tcp"));
        assertEquals(List.of(SNAT), select("-L --src-nat"));
        assertEquals(List.of(SNAT), select("-L --src-nat 203.0.113.1"));
        assertEquals(List.of(SNAT), select("-L --src-nat=203.0.113.1"));
        assertEquals(List.of(), select("-L --src-nat 203.0.113.2"));
        assertEquals(List.of(DNAT), select("-L -g 10.0.1.9"));
        assertEquals(List.of(), select("-L --dst-nat 203.0.113.1"));
        assertEquals(List.of(SNAT), select("-L --any-nat 203.0.113.1"));
        assertEquals(List.of(DNAT), select("-L --any-nat=10.0.1.9"));
        assertTrue(ConntrackOptions.parse(List.of("-L", "--any-nat")).reply().anyNat());
        assertFalse(ConntrackOptions.parse(List.of("-L", "--src-nat")).reply().anyNat());
    }

    /**
     * The ADDR:PORT forms and "the address changed" rule, as conntrack-tools 1.4.7 answered against kernel NAT
     * in a namespace (SNAT to 127.0.0.2:5000, DNAT of port 2121 to 127.0.0.1:21, ...): {@code --dst-nat
     * 127.0.0.1} did not list the port-only DNAT, {@code -p tcp --dst-nat 127.0.0.4:23} listed its entry and
     * {@code :24} none.
     */
    @Test
    void addressAndPortFormsSelectWhatWasReallyTranslated() {
        assertEquals(List.of(), select("-L --src-nat 203.0.113.1:4000"), "SNAT kept its port: no port translation");
        assertEquals(List.of(), select("-L -p tcp --src-nat 203.0.113.1:4001"));
        assertEquals(List.of(DNAT), select("-L -p tcp --dst-nat 10.0.1.9:80"));
        assertEquals(List.of(), select("-L -p tcp --dst-nat 10.0.1.9:81"));
        assertEquals(List.of(), select("-L --dst-nat 10.0.1.9:21"), "the address of DPAT did not change");
        assertEquals(List.of(DNAT), select("-L --dst-nat 10.0.1.9"), "DPAT: only its port changed");
        assertEquals(List.of(SNAT, DNAT, DPAT), select("-L --any-nat"));
        assertEquals(List.of(DNAT), select("-L --any-nat 10.0.1.9:80"));
        assertEquals(List.of(DNAT), select("-L -g [10.0.1.9]:80"));
    }

    @Test
    void natArgumentErrorsAsConntrackTools147() {
        for (String[] c : new String[][] {
                {":x", "Invalid port `x'"}, {"1.2.3.4:", "No port specified after `:'"},
                {"1.2.3.4:70000", "Invalid port `70000'"}, {"1.2.3.4:-1", "Invalid port `-1'"},
                {"1.2.3.4:5x", "Invalid port `5x'"}, {"bad:5", "Invalid IP address `bad'"},
                {":5000", "Invalid IP address `'"}, {"127.0.0.2:5000:1", "Invalid IP address `127.0.0.2:5000:1'"}}) {
            assertEquals(c[1], assertThrows(IllegalArgumentException.class,
                    () -> ConntrackOptions.parse(List.of("-L", "-p", "tcp", "--src-nat", c[0]))).getMessage(), c[0]);
        }
        assertEquals(-1, ConntrackOptions.natPort("::1:5"), "two colons: an IPv6 address");
        assertEquals(5, ConntrackOptions.natPort("[::1]:5"));
    }

    @Test
    void badInputIsNamed() {
        assertEquals("you need to supply the `--proto' option", assertThrows(IllegalArgumentException.class,
                () -> ConntrackOptions.parse(List.of("-L", "--reply-port-src", "80"))).getMessage());
        assertEquals("option `-q' requires an argument", assertThrows(IllegalArgumentException.class,
                () -> ConntrackOptions.parse(List.of("-L", "-q"))).getMessage());
        assertEquals("Invalid IP address `router.example'", assertThrows(
                IllegalArgumentException.class, () -> ConntrackOptions.parse(List.of("-L", "--src-nat",
                        "router.example"))).getMessage());
        assertEquals("invalid port `99999'", assertThrows(IllegalArgumentException.class,
                () -> ConntrackOptions.parse(List.of("-L", "-p", "tcp", "--reply-port-dst", "99999"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ConntrackOptions.parse(List.of("-L", "expect",
                "-r", "10.0.0.1"))).getMessage().contains("go with the conntrack table only"));
        assertEquals(List.of(SNAT), List.of(SNAT, DNAT).stream().filter(ConntrackOptions.parse(List.of("-E",
                "--src-nat", "203.0.113.1")).reply()::test).toList(), "-E takes the NAT filters (conntrack-tools 1.4.7)");
    }
}
