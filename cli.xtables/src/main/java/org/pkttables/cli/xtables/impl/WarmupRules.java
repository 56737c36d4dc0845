package org.pkttables.cli.xtables.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.pkttables.api.Family;

/**
 * The ruleset {@link RestoreWarmup} restores into a scratch core: the shapes real filter rulesets are
 * made of (addresses and prefixes, TCP/UDP ports and ranges, multiport, state and conntrack, ICMP, limit,
 * comment, iprange, mark, interfaces; ACCEPT, DROP, REJECT, LOG, RETURN and jumps to user chains),
 * in restore format for IPv4 or IPv6. A shape whose extension is not loaded is left out. Only stateless
 * extensions: nothing here may leave state behind in an extension shared with the live core (no recent,
 * hashlimit, quota, connlimit, set).
 */
final class WarmupRules {
    private WarmupRules() {
    }

    /** {@code chains} user chains of {@code perChain} rules, reached from INPUT and FORWARD. */
    static String text(Family f, int chains, int perChain, Predicate<String> loaded) {
        boolean v6 = f == Family.IPV6;
        List<String> shapes = new ArrayList<>();
        shapes.add("-s %A -p tcp -m tcp --dport %P -j ACCEPT");
        shapes.add("-d %D -p udp -m udp --dport %P -j DROP");
        shapes.add("-s %N -d %D -p tcp -m tcp --sport 1024:65535 --dport %P -j ACCEPT");
        shapes.add("-i eth%I -s %N -j RETURN");
        if (loaded.test("state")) {
            shapes.add("-s %A -p tcp -m tcp --dport %P -m state --state NEW -j ACCEPT");
        }
        if (loaded.test("conntrack")) {
            shapes.add("-p tcp -m tcp --dport %P -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT");
        }
        if (loaded.test("multiport")) {
            shapes.add("-p udp -m multiport --dports %P,%Q,%R -j ACCEPT");
        }
        if (loaded.test("comment")) {
            shapes.add("-s %A -m comment --comment \"warm-up %P\" -j DROP");
        }
        if (loaded.test("limit")) {
            shapes.add(v6 ? "-p ipv6-icmp -m icmp6 --icmpv6-type 128 -m limit --limit 5/sec -j ACCEPT"
                    : "-p icmp -m icmp --icmp-type 8 -m limit --limit 5/sec -j ACCEPT");
        }
        if (loaded.test("iprange") && !v6) {
            shapes.add("-m iprange --src-range %a-%b -j DROP");
        }
        if (loaded.test("mark")) {
            shapes.add("-m mark --mark 0x%I/0xff -j RETURN");
        }
        if (loaded.test("REJECT")) {
            shapes.add("-s %A -p tcp -j REJECT --reject-with tcp-reset");
        }
        if (loaded.test("LOG")) {
            shapes.add("-d %D -j LOG --log-prefix \"warm %I \"");
        }
        StringBuilder b = new StringBuilder(chains * perChain * 80);
        b.append("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int c = 0; c < chains; c++) {
            b.append(":w").append(c).append(" - [0:0]\n");
        }
        for (int c = 0; c < chains; c++) {
            for (int r = 0; r < perChain; r++) {
                int n = c * perChain + r;
                String rule = shapes.get(n % shapes.size()).replace("%A", host(v6, n, 1)).replace("%a", bare(v6, n, 1))
                        .replace("%b", bare(v6, n, 2))
                        .replace("%D", host(v6, n + 7, 3)).replace("%N", net(v6, n)).replace("%I", Integer.toString(n % 8))
                        .replace("%P", Integer.toString(1024 + n % 60000))
                        .replace("%Q", Integer.toString(1025 + n % 60000))
                        .replace("%R", Integer.toString(1026 + n % 60000));
                b.append("-A w").append(c).append(' ').append(rule).append('\n');
            }
        }
        for (int c = 0; c < chains; c++) {
            b.append(c % 2 == 0 ? "-A INPUT -s " : "-A FORWARD -s ").append(net(v6, c)).append(" -j w").append(c).append('\n');
        }
        return b.append("COMMIT\n").toString();
    }

    private static String host(boolean v6, int n, int last) {
        return v6 ? "2001:db8:" + Integer.toHexString(n & 0xffff) + "::" + last + "/128"
                : "10." + ((n >> 8) & 0xff) + "." + (n & 0xff) + "." + last + "/32";
    }

    private static String bare(boolean v6, int n, int last) {
        String h = host(v6, n, last);
        return h.substring(0, h.indexOf('/'));
    }

    private static String net(boolean v6, int n) {
        return v6 ? "2001:db8:" + Integer.toHexString(n & 0xffff) + "::/48" : "10." + ((n >> 8) & 0xff) + "." + (n & 0xff)
                + ".0/24";
    }
}
