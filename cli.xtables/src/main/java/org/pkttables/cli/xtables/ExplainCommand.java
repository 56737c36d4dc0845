package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.tables.engine.RulesetTools;

/**
 * {@code explain}: describe a packet in iptables words and see the path it would take through the live
 * ruleset — every rule it matches, jumps and returns, marks set, the final verdict — without sending
 * anything or touching a counter.
 * <pre>
 * explain -p tcp -s 192.0.2.7 -d 10.0.0.10 --dport 22 -i eth0 -o eth1
 * explain -6 --path input -p ipv6-icmp --icmp-type 128 -s 2001:db8::1 -d 2001:db8::2
 * </pre>
 */
final class ExplainCommand {
    static final String USAGE = "explain [-4|-6] [--path forward|input|output | --hook HOOK] [-i IF] [-o IF]"
            + " [-s ADDR] [-d ADDR] [-p tcp|udp|icmp|ipv6-icmp] [--sport N] [--dport N] [--syn | --tcp-flags"
            + " FLAG,...] [--icmp-type TYPE[/CODE]] [--mark N] [--ttl N] [--src-mac MAC] [--dst-mac MAC]";

    private final Ruleset ruleset;
    private final RulesetTools tools;

    ExplainCommand(Ruleset ruleset, RulesetTools tools) {
        this.ruleset = ruleset;
        this.tools = tools;
    }

    Result run(List<String> args) throws RulesetException {
        Family f = Family.IPV4;
        Hook[] hooks = { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };
        String in = null;
        String out = null;
        String src = null;
        String dst = null;
        String proto = "tcp";
        int sport = 40000;
        int dport = 80;
        int flags = PacketFrames.SYN;
        int icmpType = -1;
        int icmpCode = 0;
        long mark = 0;
        int ttl = 64;
        String srcMac = null;
        String dstMac = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "-4": f = Family.IPV4; break;
                    case "-6": f = Family.IPV6; break;
                    case "--path": hooks = path(value(args, i++)); break;
                    case "--hook": hooks = new Hook[] { Hook.of(value(args, i++)) }; break;
                    case "-i": in = value(args, i++); break;
                    case "-o": out = value(args, i++); break;
                    case "-s": src = value(args, i++); break;
                    case "-d": dst = value(args, i++); break;
                    case "-p": proto = value(args, i++).toLowerCase(Locale.ROOT); break;
                    case "--sport": sport = ParamTypes.port(value(args, i++), a); break;
                    case "--dport": dport = ParamTypes.port(value(args, i++), a); break;
                    case "--syn": flags = PacketFrames.SYN; break;
                    case "--tcp-flags": flags = tcpFlags(value(args, i++)); break;
                    case "--icmp-type": {
                        String t = value(args, i++);
                        int slash = t.indexOf('/');
                        icmpType = (int) ParamTypes.parseUnsigned(slash < 0 ? t : t.substring(0, slash));
                        icmpCode = slash < 0 ? 0 : (int) ParamTypes.parseUnsigned(t.substring(slash + 1));
                        break;
                    }
                    case "--mark": mark = ParamTypes.parseUnsigned(value(args, i++)); break;
                    case "--ttl": ttl = (int) ParamTypes.parseUnsigned(value(args, i++)); break;
                    case "--src-mac": srcMac = value(args, i++); break;
                    case "--dst-mac": dstMac = value(args, i++); break;
                    default:
                        throw new IllegalArgumentException("unknown option `" + a + "'");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IptablesFrontend.UsageException(e.getMessage() + "\nusage: " + USAGE, e);
        }
        if (src == null) {
            src = f == Family.IPV6 ? "2001:db8:ffff::1" : "192.0.2.1";
        }
        if (dst == null) {
            dst = f == Family.IPV6 ? "2001:db8::1" : "10.0.0.1";
        }
        byte[] frame;
        try {
            PacketFrames.Packet pk = f == Family.IPV6 ? PacketFrames.ipv6(src, dst) : PacketFrames.ipv4(src, dst);
            pk.ttl(ttl);
            if (srcMac != null) {
                pk.srcMac(srcMac);
            }
            if (dstMac != null) {
                pk.dstMac(dstMac);
            }
            switch (proto) {
                case "tcp": case "6": pk.tcp(sport, dport).flags(flags); break;
                case "udp": case "17": pk.udp(sport, dport); break;
                case "icmp": case "1": case "ipv6-icmp": case "icmpv6": case "58":
                    pk.icmp(icmpType < 0 ? (f == Family.IPV6 ? 128 : 8) : icmpType, icmpCode);
                    break;
                default:
                    throw new IllegalArgumentException("protocol `" + proto + "' (tcp, udp, icmp, ipv6-icmp)");
            }
            frame = pk.build();
        } catch (IllegalArgumentException e) {
            throw new IptablesFrontend.UsageException(e.getMessage() + "\nusage: " + USAGE, e);
        }
        PacketContext p = new PacketContext(PacketContext.MAX_WORKERS - 2);
        p.reset(frame, 0, frame.length);
        p.setL2(0);
        p.setMark((int) mark);
        p.setInIface(in);
        p.setOutIface(out);
        if (!ruleset.parse(f, p, 14)) {
            throw new RulesetException("the described packet does not parse (is the " + f.id() + " handler loaded?)");
        }
        List<String> lines = new ArrayList<>();
        lines.add("packet: " + f.id() + " " + proto + " " + src + (proto.startsWith("icmp") ? "" : ":" + sport)
                + " -> " + dst + (proto.startsWith("icmp") ? "" : ":" + dport) + (in != null ? " in " + in : "")
                + (out != null ? " out " + out : "") + " (" + frame.length + " bytes; no connection tracking)");
        // Keep in/out as the hooks would set them.
        tools.explain(withIfaces(p, in, out), hooks, lines);
        return new Result(0, String.join("\n", lines) + "\n", "");
    }

    private static PacketContext withIfaces(PacketContext p, String in, String out) {
        p.setInIface(in);
        p.setOutIface(out);
        return p;
    }

    private static Hook[] path(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "forward": return new Hook[] { Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING };
            case "input": return new Hook[] { Hook.PREROUTING, Hook.INPUT };
            case "output": return new Hook[] { Hook.OUTPUT, Hook.POSTROUTING };
            default: throw new IllegalArgumentException("unknown path `" + s + "' (forward, input, output)");
        }
    }

    private static int tcpFlags(String list) {
        int v = 0;
        for (String n : list.split(",")) {
            switch (n.toUpperCase(Locale.ROOT)) {
                case "FIN": v |= PacketFrames.FIN; break;
                case "SYN": v |= PacketFrames.SYN; break;
                case "RST": v |= PacketFrames.RST; break;
                case "PSH": v |= PacketFrames.PSH; break;
                case "ACK": v |= PacketFrames.ACK; break;
                case "URG": v |= PacketFrames.URG; break;
                case "NONE": break;
                default: throw new IllegalArgumentException("unknown TCP flag `" + n + "'");
            }
        }
        return v;
    }

    private static String value(List<String> args, int i) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("option " + args.get(i) + " needs a value");
        }
        return args.get(i + 1);
    }
}
