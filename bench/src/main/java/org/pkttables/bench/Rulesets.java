package org.pkttables.bench;

import org.pkttables.api.CommandFrontend;
import org.pkttables.conntrack.impl.match.ConntrackMatchType;
import org.pkttables.conntrack.impl.match.StateMatchType;
import org.pkttables.ext.matches.impl.CommentMatchType;
import org.pkttables.ext.matches.impl.Icmp6MatchType;
import org.pkttables.ext.matches.impl.IcmpMatchType;
import org.pkttables.ext.matches.impl.MacMatchType;
import org.pkttables.ext.matches.impl.MarkMatchType;
import org.pkttables.ext.matches.impl.TcpMatchType;
import org.pkttables.ext.matches.impl.UdpMatchType;
import org.pkttables.ext.targets.impl.MarkTargetType;
import org.pkttables.ext.targets.impl.Reject6TargetType;
import org.pkttables.ext.targets.impl.RejectTargetType;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/** The core with the real handlers and basic extensions, and the rulesets the benchmarks use. */
public final class Rulesets {
    private Rulesets() {
    }

    public static Harness harness() {
        return new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(), new UdpMatchType(),
                new IcmpMatchType(), new Icmp6MatchType(), new MacMatchType(), new MarkMatchType(),
                new CommentMatchType(), new MarkTargetType(), new RejectTargetType(), new Reject6TargetType(),
                new StateMatchType(), new ConntrackMatchType());
    }

    /**
     * {@code n} rules of the basic matches that the benchmark packet (TCP 10.0.0.1:40000 → 10.0.0.2:80
     * SYN) does not match, then a MARK rule and one that accepts it: every packet walks all of them.
     */
    public static Harness basicMatches(int n) {
        Harness h = harness();
        StringBuilder sb = new StringBuilder("*filter\n:INPUT DROP [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\n");
        for (int i = 0; i < n; i++) {
            switch (i % 6) {
                case 0: sb.append("-A FORWARD -s 192.168.").append(i % 250).append(".0/24 -p tcp --dport 80 -j ACCEPT\n"); break;
                case 1: sb.append("-A FORWARD -p tcp -m tcp --sport ").append(1 + i % 1000).append(" --tcp-flags SYN,ACK ACK -j DROP\n"); break;
                case 2: sb.append("-A FORWARD -p udp -m udp --dport ").append(1 + i % 1000).append(" -j DROP\n"); break;
                case 3: sb.append("-A FORWARD -m mac --mac-source 02:00:00:00:aa:").append(String.format("%02x", i % 256)).append(" -j DROP\n"); break;
                case 4: sb.append("-A FORWARD -m mark --mark 0x").append(Integer.toHexString(i + 1)).append("/0xffff -m comment --comment \"rule ").append(i).append("\" -j DROP\n"); break;
                default: sb.append("-A FORWARD ! -i eth0 -p icmp --icmp-type echo-request -j REJECT\n"); break;
            }
        }
        sb.append("-A FORWARD -j MARK --set-mark 0x10000\n");
        sb.append("-A FORWARD -i eth0 -o eth1 -d 10.0.0.2/32 -p tcp -m tcp --dport 80 --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT\n");
        sb.append("COMMIT\n");
        CommandFrontend.Result r = h.withInput(sb.toString(), "iptables-restore");
        if (!r.ok()) {
            throw new IllegalStateException("benchmark ruleset does not load: " + r.err());
        }
        return h;
    }
}
