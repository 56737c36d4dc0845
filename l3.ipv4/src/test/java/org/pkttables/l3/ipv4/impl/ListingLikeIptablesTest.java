package org.pkttables.l3.ipv4.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/**
 * {@code iptables -L} in its forms (-n, -v, -x, --line-numbers, one rule) lays out its columns exactly
 * as iptables 1.8.9 does. list-oracle.txt is the real tool's output for the same commands (rules
 * without match options, whose -L prose pkttables prints in save syntax instead).
 */
class ListingLikeIptablesTest {
    @Test
    void columnsAsTheRealTool() throws IOException {
        Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler());
        String[] setup = { "iptables -N web", "iptables -A INPUT ! -s 10.0.0.1 -p tcp -j web",
            "iptables -A INPUT -i eth0 -s 10.0.0.0/8 -d 192.168.1.1 -p udp -j ACCEPT",
            "iptables -A INPUT ! -i lo -f -j DROP", "iptables -A FORWARD -o eth+ ! -p udp -j DROP",
            "iptables -A web ! -d 10.1.0.0/16 -j RETURN", "iptables -A web", "iptables -P FORWARD DROP" };
        for (String s : setup) {
            Result r = h.sh(s);
            assertEquals(0, r.exit(), s + ": " + r.err());
        }
        StringBuilder out = new StringBuilder();
        out.append(ok(h, "iptables -L")).append("===\n");
        out.append(ok(h, "iptables -L -n -v --line-numbers")).append("===\n");
        out.append(ok(h, "iptables -L INPUT -v -x")).append("===\n");
        out.append(ok(h, "iptables -L web 2 -n")).append("===\n");
        ok(h, "ip6tables -A INPUT -s 2001:db8::/32 -p tcp -j ACCEPT");
        ok(h, "ip6tables -A INPUT ! -d ::1 -i eth0 -j DROP");
        out.append(ok(h, "ip6tables -L INPUT -n -v"));
        try (InputStream in = getClass().getResourceAsStream("/list-oracle.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), out.toString());
        }
    }

    private static String ok(Harness h, String line) {
        Result r = h.sh(line);
        assertEquals(0, r.exit(), line + ": " + r.err());
        return r.out();
    }
}
