package org.pkttables.conntrack.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.pkttables.conntrack.ConntrackEvent;
import org.pkttables.conntrack.ConntrackFilter;
import org.pkttables.conntrack.CtStatus;

/**
 * A parsed {@code conntrack} command line (conntrack-tools 1.4.7 options): the command letter, the
 * filter, output options, the -E event mask and limits, the -U mark and whether the expect table is meant.
 */
record ConntrackOptions(char cmd, ConntrackFilter filter, boolean extended, boolean withId, boolean timestamp,
        Set<ConntrackEvent.Type> mask, int maxEvents, long timeout, long markValue, int markMask, boolean help,
        boolean expect, ReplyNatFilter reply) {

    /** Parses a {@code conntrack} command line; bad input throws with the option named. */
    static ConntrackOptions parse(List<String> args) {
        char cmd = 0;
        String markArg = null;
        boolean help = false;
        ConntrackFilter f = ConntrackFilter.ALL;
        ReplyNatFilter r = ReplyNatFilter.ALL;
        boolean extended = false;
        boolean withId = false;
        boolean timestamp = false;
        Set<ConntrackEvent.Type> mask = EnumSet.allOf(ConntrackEvent.Type.class);
        int maxEvents = Integer.MAX_VALUE;
        long timeout = -1;
        boolean expectTable = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0 && NAT_OPTIONS.contains(a.substring(0, eq))) {
                // `--src-nat=ADDR': the long option with its optional argument attached (getopt_long)
                args = new java.util.ArrayList<>(args);
                args.set(i, a.substring(0, eq));
                args.add(i + 1, a.substring(eq + 1));
                a = args.get(i);
            }
            String natArg = NAT_OPTIONS.contains(a) || NAT_SHORT.contains(a) ? optional(args, i) : null;
            if (natArg != null) {
                i++;
            }
            switch (a) {
                case "-L": case "--dump": cmd = command(cmd, 'L'); break;
                case "-G": case "--get": cmd = command(cmd, 'G'); break;
                case "-U": case "--update": cmd = command(cmd, 'U'); break;
                case "-D": case "--delete": cmd = command(cmd, 'D'); break;
                case "-F": case "--flush": cmd = command(cmd, 'F'); break;
                case "-C": cmd = command(cmd, 'C'); break;
                case "--count":
                    // conntrack-tools' long form of -C, unless a number follows: then the -E event limit.
                    if (i + 1 < args.size() && args.get(i + 1).chars().allMatch(Character::isDigit)
                            && !args.get(i + 1).isEmpty()) {
                        maxEvents = positive(args.get(++i), a);
                    } else {
                        cmd = command(cmd, 'C');
                    }
                    break;
                case "-E": case "--event": cmd = command(cmd, 'E'); break;
                case "-e": case "--event-mask": mask = eventMask(value(args, ++i, a)); break;
                case "--timeout": timeout = positive(value(args, ++i, a), a); break;
                case "-S": case "--stats": cmd = command(cmd, 'S'); break;
                case "-h": case "--help": help = true; break;
                case "-p": case "--proto": f = f.withProtocol(protocol(value(args, ++i, a))); break;
                case "-s": case "--src": case "--orig-src": f = f.withSrc(address(value(args, ++i, a))); break;
                case "-d": case "--dst": case "--orig-dst": f = f.withDst(address(value(args, ++i, a))); break;
                case "--sport": case "--orig-port-src": f = f.withSport(port(value(args, ++i, a))); break;
                case "--dport": case "--orig-port-dst": f = f.withDport(port(value(args, ++i, a))); break;
                case "--state": {
                    String s = value(args, ++i, a);
                    TcpStates.of(s);
                    f = f.withState(s.toUpperCase(Locale.ROOT));
                    break;
                }
                case "-u": case "--status": f = status(f, value(args, ++i, a)); break;
                case "-q": case "--reply-src": r = r.withReplySrc(address(value(args, ++i, a))); break;
                case "-r": case "--reply-dst": r = r.withReplyDst(address(value(args, ++i, a))); break;
                case "--reply-port-src": r = r.withReplySport(port(value(args, ++i, a))); break;
                case "--reply-port-dst": r = r.withReplyDport(port(value(args, ++i, a))); break;
                // NAT entries: their status bits, and with an address (conntrack-tools' optional argument,
                // `--src-nat ADDR' or `--src-nat=ADDR') the address the tuple was translated to
                case "-n": case "--src-nat":
                    f = f.withStatus(f.statusSet() | CtStatus.SRC_NAT, f.statusUnset());
                    if (natArg != null) {
                        r = r.withSrcNat(natAddress(natArg), natPort(natArg));
                    }
                    break;
                case "-g": case "--dst-nat":
                    f = f.withStatus(f.statusSet() | CtStatus.DST_NAT, f.statusUnset());
                    if (natArg != null) {
                        r = r.withDstNat(natAddress(natArg), natPort(natArg));
                    }
                    break;
                case "-j": case "--any-nat":
                    r = natArg == null ? r.withAnyNat(null, -1) : r.withAnyNat(natAddress(natArg), natPort(natArg));
                    break;
                case "-m": case "--mark": markArg = value(args, ++i, a); break;
                case "-f": case "--family": {
                    String fam = value(args, ++i, a);
                    if (!fam.equals("ipv4") && !fam.equals("ipv6")) {
                        throw new IllegalArgumentException("`" + fam + "' unsupported protocol");
                    }
                    f = f.withFamily(fam.equals("ipv6") ? 6 : 4);
                    break;
                }
                case "-o": case "--output":
                    for (String o : value(args, ++i, a).split(",")) {
                        if (o.equals("extended")) {
                            extended = true;
                        } else if (o.equals("id")) {
                            withId = true;
                        } else if (o.equals("timestamp")) {
                            timestamp = true;
                        } else {
                            throw new IllegalArgumentException("unknown output format `" + o + "'");
                        }
                    }
                    break;
                case "conntrack":
                    break; // table name after -L, as in `conntrack -L conntrack`
                case "expect":
                    expectTable = true; // `conntrack -L expect`, `conntrack -F expect`
                    break;
                default:
                    throw new IllegalArgumentException("unknown option `" + a + "'");
            }
        }
        long markValue = -1;
        int markMask = -1;
        if (markArg != null) {
            // -U: the mark to set (value[/mask]); otherwise a filter on the mark.
            int slash = markArg.indexOf('/');
            if (slash >= 0 && cmd != 'U') {
                throw new IllegalArgumentException("Bad parameter `" + markArg + "' (a mask goes with -U only)");
            }
            markValue = u32(slash < 0 ? markArg : markArg.substring(0, slash), markArg);
            markMask = slash < 0 ? -1 : (int) u32(markArg.substring(slash + 1), markArg);
            if (cmd != 'U') {
                f = f.withMark((int) markValue);
            }
        }
        if (cmd == 'U' && markArg == null) {
            throw new IllegalArgumentException("-U needs something to update: -m MARK[/MASK]");
        }
        if (f.protocol() < 0 && (f.sport() >= 0 || f.dport() >= 0 || f.state() != null || r.hasPorts())) {
            throw new IllegalArgumentException("you need to supply the `--proto' option");
        }
        if (expectTable && !r.all()) {
            throw new IllegalArgumentException("-q, -r, --reply-port-src, --reply-port-dst, --any-nat and the NAT "
                    + "address filters go with the conntrack table only");
        }
        if (cmd != 'E' && (maxEvents != Integer.MAX_VALUE || timeout >= 0 || timestamp
                || mask.size() != ConntrackEvent.Type.values().length)) {
            throw new IllegalArgumentException("-e, -o timestamp, --count N and --timeout go with -E only");
        }
        return new ConntrackOptions(cmd, f, extended, withId, timestamp, mask, maxEvents, timeout, markValue, markMask, help,
                expectTable, r);
    }

    private static Set<ConntrackEvent.Type> eventMask(String s) {
        Set<ConntrackEvent.Type> m = EnumSet.noneOf(ConntrackEvent.Type.class);
        for (String n : s.split(",")) {
            switch (n.toUpperCase(Locale.ROOT)) {
                case "ALL": m.addAll(EnumSet.allOf(ConntrackEvent.Type.class)); break;
                case "NEW": m.add(ConntrackEvent.Type.NEW); break;
                case "UPDATE": m.add(ConntrackEvent.Type.UPDATE); break;
                case "DESTROY": m.add(ConntrackEvent.Type.DESTROY); break;
                default: throw new IllegalArgumentException("Bad parameter `" + n + "'");
            }
        }
        return m;
    }

    /** An unsigned 32-bit number, decimal or 0x hex (as conntrack-tools reads marks). */
    private static long u32(String s, String whole) {
        try {
            long v = Long.decode(s);
            if (v >= 0 && v <= 0xffffffffL) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("Bad parameter `" + whole + "' (mark: a 32-bit number expected)");
    }

    private static int positive(String s, String opt) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("option `" + opt + "' needs a positive number, not `" + s + "'");
    }

    private static char command(char old, char c) {
        if (old != 0) {
            throw new IllegalArgumentException("Invalid parameters: only one command (-" + old + " or -" + c + ")");
        }
        return c;
    }

    /** The long NAT options whose argument is optional. */
    private static final Set<String> NAT_OPTIONS = Set.of("--src-nat", "--dst-nat", "--any-nat");
    private static final Set<String> NAT_SHORT = Set.of("-n", "-g", "-j");

    /**
     * The optional argument of the option at {@code i} (conntrack-tools' {@code --src-nat [ADDR]}): the next
     * word unless there is none or it is an option, else null.
     */
    private static String optional(List<String> args, int i) {
        if (i + 1 >= args.size()) {
            return null;
        }
        String next = args.get(i + 1);
        return next.startsWith("-") || next.equals("conntrack") || next.equals("expect") ? null : next;
    }

    private static String value(List<String> args, int i, String opt) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("option `" + opt + "' requires an argument");
        }
        return args.get(i);
    }

    private static int protocol(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "tcp": return 6;
            case "udp": return 17;
            case "icmp": return 1;
            case "icmpv6": case "ipv6-icmp": return 58;
            case "udplite": return 136;
            case "sctp": return 132;
            case "dccp": return 33;
            case "gre": return 47;
            default:
                try {
                    int n = Integer.parseInt(s);
                    if (n >= 0 && n <= 255) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // fall through to the error below
                }
                throw new IllegalArgumentException("`" + s + "' unsupported protocol");
        }
    }

    private static int port(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("invalid port `" + s + "'");
    }

    /**
     * The port of a NAT option's {@code ADDR:PORT} or {@code [ADDR6]:PORT} argument, -1 when it has none. As
     * conntrack-tools 1.4.7: one colon splits address and port (more than one make an IPv6 address), the port
     * is checked first ("No port specified after `:'", "Invalid port `P'"), then the address.
     */
    static int natPort(String arg) {
        String p;
        if (arg.startsWith("[")) {
            int close = arg.indexOf("]:");
            if (close < 0) {
                return -1;
            }
            p = arg.substring(close + 2);
        } else if (arg.indexOf(':') >= 0 && arg.indexOf(':') == arg.lastIndexOf(':')) {
            p = arg.substring(arg.indexOf(':') + 1);
        } else {
            return -1;
        }
        if (p.isEmpty()) {
            throw new IllegalArgumentException("No port specified after `:'");
        }
        if (p.chars().allMatch(Character::isDigit) && p.length() <= 5 && Integer.parseInt(p) <= 65535) {
            return Integer.parseInt(p);
        }
        throw new IllegalArgumentException("Invalid port `" + p + "'");
    }

    /** The address of a NAT option's argument ({@link #natPort} for the forms). */
    static InetAddress natAddress(String arg) {
        natPort(arg); // the port's errors come first, as conntrack-tools'
        String a = arg;
        if (arg.startsWith("[") && arg.indexOf(']') > 0) {
            a = arg.substring(1, arg.indexOf(']'));
        } else if (arg.indexOf(':') >= 0 && arg.indexOf(':') == arg.lastIndexOf(':')) {
            a = arg.substring(0, arg.indexOf(':'));
        }
        if (a.isEmpty() || !(a.indexOf(':') >= 0 || a.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("Invalid IP address `" + a + "'");
        }
        try {
            return InetAddress.getByName(a);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Invalid IP address `" + a + "'", e);
        }
    }

    private static InetAddress address(String s) {
        if (s.isEmpty() || !(s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c)))) {
            throw new IllegalArgumentException("Bad parameter `" + s + "' (numeric address expected)");
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("Bad parameter `" + s + "'", e);
        }
    }

    private static ConntrackFilter status(ConntrackFilter f, String s) {
        int set = f.statusSet();
        int unset = f.statusUnset();
        for (String n : s.split(",")) {
            switch (n.toUpperCase(Locale.ROOT)) {
                case "ASSURED": set |= CtStatus.ASSURED; break;
                case "SEEN_REPLY": set |= CtStatus.SEEN_REPLY; break;
                case "UNREPLIED": unset |= CtStatus.SEEN_REPLY; break;
                case "EXPECTED": set |= CtStatus.EXPECTED; break;
                case "CONFIRMED": set |= CtStatus.CONFIRMED; break;
                case "FIXED_TIMEOUT": set |= CtStatus.FIXED_TIMEOUT; break;
                default: throw new IllegalArgumentException("Bad parameter `" + n + "'");
            }
        }
        return f.withStatus(set, unset);
    }
}
