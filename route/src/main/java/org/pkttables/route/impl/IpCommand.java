package org.pkttables.route.impl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.Family;
import org.pkttables.api.NamedCommand;
import org.pkttables.api.ext.InetText;
import org.pkttables.route.InterfaceAddress;
import org.pkttables.route.NextHop;
import org.pkttables.route.Route;
import org.pkttables.route.RouteType;
import org.pkttables.route.RoutingTable;

/**
 * {@code ip} for the appliance's own addresses and routes, in iproute2's syntax, output, messages and
 * exit codes (1 or 255 for a bad command line, 2 for what the kernel would refuse):
 * {@code ip [-4|-6] addr [show [dev IF]|add|del] PREFIX dev IF},
 * {@code ip [-4|-6] route [show [table main|local|all] [PREFIX]|add|del|replace ROUTE|get ADDRESS]}.
 * ROUTE is {@code [unicast|blackhole|unreachable|prohibit] PREFIX [via GW] [dev IF] [metric N]
 * [proto static|boot] [nexthop via GW dev IF weight W]…}. These are the appliance's addresses, never the
 * host kernel's.
 */
@Component(service = CommandExtension.class)
public final class IpCommand extends NamedCommand {
    private final RoutingTable table;

    @Activate
    public IpCommand(@Reference RoutingTable table) {
        super("ip", "ip [-4|-6] addr [show|add|del] PREFIX dev IF | ip [-4|-6] route [show|add|del|replace|get] "
                + "...: the appliance's addresses and routes (iproute2 syntax)");
        this.table = table;
    }

    /** A refusal with iproute2's text and exit code. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int exit;

        Refused(int exit, String message) {
            super(message, null, false, false);
            this.exit = exit;
        }
    }

    @Override
    public Result run(List<String> argv, String stdin) {
        List<String> a = new ArrayList<>(argv);
        Family family = null;
        boolean json = false;
        while (!a.isEmpty() && a.get(0).startsWith("-")) {
            String o = a.remove(0);
            switch (o) {
                case "-j", "-json", "--json" -> json = true;
                case "-4" -> family = Family.IPV4;
                case "-6" -> family = Family.IPV6;
                case "-f", "-family" -> {
                    String f = a.isEmpty() ? "" : a.remove(0);
                    family = switch (f) {
                        case "inet" -> Family.IPV4;
                        case "inet6" -> Family.IPV6;
                        default -> null;
                    };
                    if (family == null) {
                        return new Result(255, "", "Error: argument \"" + f + "\" is wrong: invalid protocol family\n");
                    }
                }
                default -> {
                    return new Result(255, "", "Option \"" + o + "\" is unknown, try \"ip -help\".\n");
                }
            }
        }
        if (a.isEmpty()) {
            return new Result(255, "", "Usage: ip [ OPTIONS ] { addr | route } { COMMAND | help }\n"
                    + "       OPTIONS := { -4 | -6 }\n");
        }
        String object = a.remove(0);
        try {
            if (prefixOf(object, "address", 1)) {
                return addr(family, a);
            }
            if (prefixOf(object, "route", 1)) {
                if (json) {
                    return routeJson(family, a);
                }
                return route(family, a);
            }
            return new Result(1, "", "Object \"" + object + "\" is unknown, try \"ip help\".\n");
        } catch (Refused e) {
            return new Result(e.exit, "", e.getMessage() + "\n");
        }
    }

    /** iproute2's {@code matches()}: {@code word} is a non-empty prefix of {@code full}, at least {@code min} long. */
    private static boolean prefixOf(String word, String full, int min) {
        return word.length() >= min && full.startsWith(word);
    }

    // ---------------------------------------------------------------- addr

    private Result addr(Family family, List<String> a) throws Refused {
        String cmd = a.isEmpty() ? "show" : a.remove(0);
        if (prefixOf(cmd, "show", 1) || prefixOf(cmd, "list", 1) || cmd.equals("lst")) {
            String dev = null;
            while (!a.isEmpty()) {
                String w = a.remove(0);
                if (w.equals("dev")) {
                    dev = next(a, "dev");
                } else if (dev == null) {
                    dev = w;
                } else {
                    throw new Refused(255, "Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.");
                }
            }
            return new Result(0, addrShow(family, dev), "");
        }
        boolean add = cmd.equals("add");
        if (!add && !prefixOf(cmd, "delete", 1)) {
            throw new Refused(255, "Command \"" + cmd + "\" is unknown, try \"ip address help\".");
        }
        String prefix = null;
        String dev = null;
        while (!a.isEmpty()) {
            String w = a.remove(0);
            switch (w) {
                case "dev" -> dev = next(a, "dev");
                case "local" -> prefix = next(a, "local");
                case "nodad", "noprefixroute", "home" -> {
                    // accepted for scripts written for the kernel: nothing to do here (no DAD, no prefix route choice)
                }
                case "brd", "broadcast", "label", "scope" -> next(a, w); // not modelled: the appliance has no broadcast routes
                default -> {
                    if (prefix != null) {
                        throw new Refused(255, "Error: either \"local\" is duplicate, or \"" + w + "\" is a garbage.");
                    }
                    prefix = w;
                }
            }
        }
        if (dev == null) {
            throw new Refused(255, "Not enough information: \"dev\" argument is required.");
        }
        if (prefix == null) {
            throw new Refused(255, "Not enough information: \"local\" argument is required.");
        }
        Prefix p = prefix(family, prefix, false);
        InterfaceAddress ia = new InterfaceAddress(dev, p.address, p.length);
        String fam = p.family == Family.IPV4 ? "ipv4" : "ipv6";
        try {
            if (add) {
                table.addAddress(ia);
            } else {
                InterfaceAddress found = null;
                for (InterfaceAddress o : table.addresses()) {
                    if (o.address().equals(ia.address()) && o.iface().equals(dev)
                            && (prefix.indexOf('/') < 0 || o.prefixLength() == ia.prefixLength())) {
                        found = o;
                    }
                }
                if (found == null) {
                    throw new Refused(2, p.family == Family.IPV4 ? "Error: ipv4: Address not found."
                            : "Error: ipv6: address not found.");
                }
                table.deleteAddress(found);
            }
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            if (m.endsWith("Address already assigned")) {
                throw new Refused(2, p.family == Family.IPV4 ? "Error: ipv4: Address already assigned."
                        : "Error: " + fam + ": address already assigned.");
            }
            throw new Refused(2, "Error: " + m + ".");
        }
        return new Result(0, "", "");
    }

    private String addrShow(Family family, String dev) {
        Map<String, List<InterfaceAddress>> byIface = new LinkedHashMap<>();
        for (InterfaceAddress ia : table.addresses()) {
            byIface.computeIfAbsent(ia.iface(), k -> new ArrayList<>()).add(ia);
        }
        StringBuilder b = new StringBuilder();
        int index = 0;
        for (var e : byIface.entrySet()) {
            index++;
            if (dev != null && !dev.equals(e.getKey())) {
                continue;
            }
            // the port's link state is the io bundle's business (`ports`); this is the address part
            b.append(index).append(": ").append(e.getKey()).append(":\n");
            List<InterfaceAddress> all = table.addresses();
            if (family != Family.IPV6) {
                for (InterfaceAddress ia : e.getValue()) {
                    if (ia.address().getAddress().length != 4) {
                        continue;
                    }
                    boolean secondary = RouteFormat.primary(all, ia) != ia;
                    b.append("    inet ").append(InetText.format(ia.address())).append('/').append(ia.prefixLength())
                            .append(" scope ").append(ia.address().isLoopbackAddress() ? "host" : "global")
                            .append(secondary ? " secondary " : " ").append(ia.iface()).append('\n')
                            .append("       valid_lft forever preferred_lft forever\n");
                }
            }
            if (family != Family.IPV4) {
                List<InterfaceAddress> v6 = new ArrayList<>();
                for (InterfaceAddress ia : e.getValue()) {
                    if (ia.address().getAddress().length == 16) {
                        v6.add(0, ia); // the kernel lists IPv6 addresses newest first
                    }
                }
                for (InterfaceAddress ia : v6) {
                    String scope = Bits.linkLocal6(Bits.hi(ia.address())) ? "link"
                            : ia.address().isLoopbackAddress() ? "host" : "global";
                    b.append("    inet6 ").append(InetText.format(ia.address())).append('/').append(ia.prefixLength())
                            .append(" scope ").append(scope).append(" \n")
                            .append("       valid_lft forever preferred_lft forever\n");
                }
            }
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- route

    private Result route(Family family, List<String> a) throws Refused {
        String cmd = a.isEmpty() ? "show" : a.remove(0);
        if (prefixOf(cmd, "show", 1) || prefixOf(cmd, "list", 1) || cmd.equals("lst")) {
            return new Result(0, routeShow(family == null ? Family.IPV4 : family, a), "");
        }
        if (prefixOf(cmd, "get", 1)) {
            return routeGet(family, a);
        }
        if (cmd.equals("add") || prefixOf(cmd, "delete", 1) || prefixOf(cmd, "replace", 3)) {
            return routeChange(family, cmd, a);
        }
        throw new Refused(255, "Command \"" + cmd + "\" is unknown, try \"ip route help\".");
    }

    /** {@code ip -j route [show ...]}: the routes {@code show} lists, as iproute2's JSON array. */
    private Result routeJson(Family family, List<String> a) throws Refused {
        String cmd = a.isEmpty() ? "show" : a.remove(0);
        if (!(prefixOf(cmd, "show", 1) || prefixOf(cmd, "list", 1) || cmd.equals("lst"))) {
            throw new Refused(255, "-json goes with \"ip route show\" only");
        }
        List<java.util.Map<String, Object>> out = new ArrayList<>();
        for (Route r : shown(family == null ? Family.IPV4 : family, a)) {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            if (r.type() != RouteType.UNICAST) {
                m.put("type", r.type().name().toLowerCase(java.util.Locale.ROOT));
            }
            boolean any = r.prefixLength() == 0;
            m.put("dst", any ? "default" : r.destination().getHostAddress() + "/" + r.prefixLength());
            List<java.util.Map<String, Object>> hops = new ArrayList<>();
            for (NextHop h : r.nextHops()) {
                java.util.Map<String, Object> hm = new java.util.LinkedHashMap<>();
                if (h.gateway() != null) {
                    hm.put("gateway", h.gateway().getHostAddress());
                }
                if (h.iface() != null) {
                    hm.put("dev", h.iface());
                }
                hm.put("weight", h.weight());
                hops.add(hm);
            }
            if (hops.size() == 1) {
                hops.get(0).remove("weight");
                m.putAll(hops.get(0));
            } else if (!hops.isEmpty()) {
                m.put("nexthops", hops);
            }
            m.put("protocol", r.origin().name().toLowerCase(java.util.Locale.ROOT));
            if (r.metric() != 0) {
                m.put("metric", r.metric());
            }
            out.add(m);
        }
        try {
            return new Result(0, com.fasterxml.jackson.jr.ob.JSON.std.asString(out) + "\n", "");
        } catch (java.io.IOException e) {
            throw new Refused(1, "cannot write JSON: " + e.getMessage());
        }
    }

    private String routeShow(Family family, List<String> a) throws Refused {
        StringBuilder b = new StringBuilder();
        boolean all = a.contains("table") && a.indexOf("table") + 1 < a.size()
                && List.of("all", "0").contains(a.get(a.indexOf("table") + 1));
        for (Route r : shown(family, a)) {
            b.append(RouteFormat.route(table, r, all));
        }
        return b.toString();
    }

    /** The routes {@code ip route show [table T] [PREFIX]} lists, in its order (main, then local). */
    private List<Route> shown(Family family, List<String> a) throws Refused {
        String tableName = "main";
        Prefix exact = null;
        while (!a.isEmpty()) {
            String w = a.remove(0);
            if (w.equals("table")) {
                tableName = next(a, "table");
                if (!List.of("main", "local", "all", "254", "255", "0").contains(tableName)) {
                    throw new Refused(255, "Error: argument \"" + tableName + "\" is wrong: table id value is invalid\n");
                }
            } else if (exact == null) {
                exact = prefix(family, w.equals("exact") || w.equals("to") ? next(a, w) : w, true);
            } else {
                throw new Refused(255, "Error: either \"to\" is duplicate, or \"" + w + "\" is a garbage.");
            }
        }
        boolean wantLocal = !tableName.equals("main") && !tableName.equals("254");
        boolean wantMain = !tableName.equals("local") && !tableName.equals("255");
        List<Route> rs = new ArrayList<>();
        for (Route r : table.routes(family)) {
            boolean local = r.type() == RouteType.LOCAL;
            if ((local ? wantLocal : wantMain) && (exact == null
                    || (r.prefixLength() == exact.length && r.destination().equals(exact.address)))) {
                rs.add(r);
            }
        }
        List<Route> mains = new ArrayList<>();
        List<Route> locals = new ArrayList<>();
        for (Route r : rs) {
            (r.type() == RouteType.LOCAL ? locals : mains).add(r);
        }
        mains.sort(RouteFormat.dumpOrder(family));
        locals.sort(RouteFormat.dumpOrder(family));
        mains.addAll(locals);
        return mains;
    }

    private Result routeGet(Family family, List<String> a) throws Refused {
        if (a.isEmpty()) {
            throw new Refused(255, "need at least a destination address");
        }
        String w = a.remove(0);
        if (w.equals("to")) {
            w = next(a, "to");
        }
        if (!a.isEmpty()) {
            throw new Refused(255, "Error: either \"to\" is duplicate, or \"" + a.get(0) + "\" is a garbage.");
        }
        Prefix p = prefix(family, w, false);
        if (p.length != Bits.maxLength(p.family)) {
            throw new Refused(1, "Warning: /" + p.length + " as prefix is invalid, only /"
                    + Bits.maxLength(p.family) + " (or none) is supported.");
        }
        byte[] dst = p.address.getAddress();
        Route r = table.lookup(p.family, dst, 0);
        if (r == null) {
            throw new Refused(2, "RTNETLINK answers: Network is unreachable");
        }
        switch (r.type()) {
            case BLACKHOLE -> throw new Refused(2, "RTNETLINK answers: Invalid argument");
            case UNREACHABLE -> throw new Refused(2, "RTNETLINK answers: No route to host");
            case PROHIBIT -> throw new Refused(2, "RTNETLINK answers: Permission denied");
            default -> {
            }
        }
        String d = InetText.format(p.address);
        boolean v4 = p.family == Family.IPV4;
        StringBuilder b = new StringBuilder();
        if (r.type() == RouteType.LOCAL) {
            b.append("local ").append(d).append(v4 ? " dev lo src " : " from :: dev lo table local proto kernel src ")
                    .append(d).append(v4 ? " uid 0 \n    cache <local> \n" : " metric 0 pref medium\n");
            return new Result(0, b.toString(), "");
        }
        NextHop h = r.nextHop(java.util.Arrays.hashCode(dst));
        InterfaceAddress src = table.sourceAddress(p.family, h.iface(), h.gateway() == null ? dst : h.gateway().getAddress(), 0);
        b.append(d);
        if (!v4) {
            b.append(" from ::");
        }
        if (h.gateway() != null) {
            b.append(" via ").append(InetText.format(h.gateway()));
        }
        b.append(" dev ").append(h.iface());
        if (!v4) {
            b.append(r.origin() == Route.Origin.CONNECTED ? " proto kernel" : r.origin() == Route.Origin.STATIC ? " proto static" : "");
        }
        if (src != null) {
            b.append(" src ").append(InetText.format(src.address()));
        }
        b.append(v4 ? " uid 0 \n    cache \n" : " metric " + r.metric() + " pref medium\n");
        return new Result(0, b.toString(), "");
    }

    private Result routeChange(Family family, String cmd, List<String> a) throws Refused {
        RouteType type = RouteType.UNICAST;
        Prefix dst = null;
        InetAddress via = null;
        String dev = null;
        int weight = 1;
        Integer metric = null;
        Route.Origin origin = Route.Origin.BOOT;
        List<NextHop> hops = new ArrayList<>();
        Family fam = family;
        while (!a.isEmpty()) {
            String w = a.remove(0);
            switch (w) {
                case "via" -> via = via(fam, a);
                case "dev", "oif" -> dev = next(a, w);
                case "metric", "priority", "preference" -> metric = number(next(a, w), "metric", "value is invalid");
                case "weight" -> weight = weight(next(a, w));
                case "proto", "protocol" -> {
                    String v = next(a, w);
                    origin = switch (v) {
                        case "static", "4" -> Route.Origin.STATIC;
                        case "boot", "3" -> Route.Origin.BOOT;
                        default -> throw new Refused(255, "Error: argument \"" + v
                                + "\" is wrong: \"protocol\" value is invalid (static or boot here)\n");
                    };
                }
                case "table" -> {
                    String v = next(a, w);
                    if (!v.equals("main") && !v.equals("254")) {
                        throw new Refused(255, "Error: argument \"" + v
                                + "\" is wrong: only the main table can be changed (local routes come from addresses)\n");
                    }
                }
                case "scope" -> next(a, w); // implied by the route, as the kernel would choose it
                case "nexthop" -> {
                    if (dst == null) {
                        throw new Refused(255, "Error: either \"to\" is duplicate, or \"nexthop\" is a garbage.");
                    }
                    hops.addAll(nexthops(dst.family, a));
                }
                case "unicast" -> type = RouteType.UNICAST;
                case "blackhole" -> type = RouteType.BLACKHOLE;
                case "unreachable" -> type = RouteType.UNREACHABLE;
                case "prohibit" -> type = RouteType.PROHIBIT;
                default -> {
                    if (dst != null) {
                        throw new Refused(255, "Error: either \"to\" is duplicate, or \"" + w + "\" is a garbage.");
                    }
                    dst = prefix(fam, w.equals("to") ? next(a, "to") : w, true);
                    fam = dst.family;
                }
            }
        }
        if (dst == null) {
            throw new Refused(1, "need at least a destination address");
        }
        boolean delete = cmd.startsWith("d");
        if (type == RouteType.UNICAST && hops.isEmpty()) {
            if (via != null || dev != null) {
                hops.add(hop(dst.family, dev, via, weight));
            } else if (!delete) {
                throw new Refused(2, "RTNETLINK answers: No such device");
            }
        }
        if (delete) {
            Route victim = findForDelete(dst, type, metric, hops, dev, via);
            if (victim == null) {
                throw new Refused(2, "RTNETLINK answers: No such process");
            }
            table.deleteRoute(victim);
            return new Result(0, "", "");
        }
        int m = metric == null ? 0 : metric;
        Route r = new Route(dst.family, dst.address, dst.length, type, type == RouteType.UNICAST ? hops : List.of(), m, origin);
        try {
            if (cmd.equals("add")) {
                table.addRoute(r);
            } else {
                table.replaceRoute(r);
            }
        } catch (IllegalArgumentException e) {
            throw kernelError(e);
        }
        return new Result(0, "", "");
    }

    /** The kernel's answer for a refused change, as iproute2 prints it. */
    private static Refused kernelError(IllegalArgumentException e) {
        String m = e.getMessage();
        if (m.endsWith("File exists") || m.endsWith("No such process")) {
            return new Refused(2, "RTNETLINK answers: " + m.substring(m.lastIndexOf(": ") + 2));
        }
        if (m.endsWith("Nexthop has invalid gateway") || m.contains("Invalid prefix for given prefix length")) {
            String k = m.endsWith("Nexthop has invalid gateway") ? "Nexthop has invalid gateway"
                    : "Invalid prefix for given prefix length";
            return new Refused(2, "Error: " + k + ".");
        }
        return new Refused(2, "Error: " + m + ".");
    }

    /** The static route {@code ip route del} means: the selectors given must match, the rest are wildcards (as the kernel). */
    private Route findForDelete(Prefix dst, RouteType type, Integer metric, List<NextHop> hops, String dev, InetAddress via) {
        for (Route r : table.routes(dst.family)) {
            if (r.origin() == Route.Origin.CONNECTED || r.origin() == Route.Origin.LOCAL
                    || r.prefixLength() != dst.length || !r.destination().equals(dst.address)) {
                continue;
            }
            if (metric != null && metric != 0 && r.metric() != metric && !(dst.family == Family.IPV6 && metric == 1024)) {
                continue;
            }
            if (type != RouteType.UNICAST && r.type() != type) {
                continue;
            }
            boolean hopsMatch = true;
            if (dev != null || via != null) {
                hopsMatch = false;
                for (NextHop h : r.nextHops()) {
                    if ((dev == null || h.iface().equals(dev)) && (via == null || via.equals(h.gateway()))) {
                        hopsMatch = true;
                    }
                }
            }
            if (hopsMatch) {
                return r;
            }
        }
        return null;
    }

    /** The gateway after {@code via}, with iproute2's optional family word ({@code via inet6 fe80::1}). */
    private static InetAddress via(Family family, List<String> a) throws Refused {
        String g = next(a, "via");
        if (g.equals("inet") || g.equals("inet6")) {
            g = next(a, "via");
        }
        return gateway(family, g);
    }

    private List<NextHop> nexthops(Family family, List<String> a) throws Refused {
        List<NextHop> out = new ArrayList<>();
        InetAddress via = null;
        String dev = null;
        int weight = 1;
        while (!a.isEmpty()) {
            String w = a.remove(0);
            switch (w) {
                case "via" -> via = via(family, a);
                case "dev" -> dev = next(a, "dev");
                case "weight" -> weight = weight(next(a, "weight"));
                case "nexthop" -> {
                    out.add(hop(family, dev, via, weight));
                    via = null;
                    dev = null;
                    weight = 1;
                }
                default -> throw new Refused(255, "Error: \"nexthop\" or end of line is expected instead of \"" + w + "\"");
            }
        }
        out.add(hop(family, dev, via, weight));
        return out;
    }

    /** A next hop; without {@code dev}, the port of the connected network the gateway is on. */
    private NextHop hop(Family family, String dev, InetAddress via, int weight) throws Refused {
        if (dev == null) {
            if (via == null) {
                throw new Refused(2, "RTNETLINK answers: No such device");
            }
            if (family == Family.IPV6 && Bits.linkLocal6(Bits.hi(via))) {
                throw new Refused(2, "Error: Egress device not specified.");
            }
            Route r = table.lookup(via);
            if (r == null || r.type() != RouteType.UNICAST || r.nextHops().size() != 1
                    || r.nextHops().get(0).gateway() != null) {
                throw new Refused(2, "Error: Nexthop has invalid gateway.");
            }
            dev = r.nextHops().get(0).iface();
        }
        return new NextHop(dev, via, weight);
    }

    private static int weight(String v) throws Refused {
        int w = number(v, "weight", "is invalid");
        if (w < 1 || w > 256) {
            throw new Refused(255, "Error: argument \"" + v + "\" is wrong: \"weight\" is invalid\n");
        }
        return w;
    }

    private static int number(String v, String what, String how) throws Refused {
        try {
            long n = Long.decode(v);
            if (n < 0 || n > 0xffff_ffffL) {
                throw new NumberFormatException(v);
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new Refused(255, "Error: argument \"" + v + "\" is wrong: \"" + what + "\" " + how + "\n");
        }
    }

    private static String next(List<String> a, String after) throws Refused {
        if (a.isEmpty()) {
            throw new Refused(255, "Command line is not complete. Try option \"help\"");
        }
        return a.remove(0);
    }

    /** A parsed PREFIX: address (host bits kept as written), length, family. */
    private record Prefix(Family family, InetAddress address, int length) {
    }

    /**
     * iproute2's get_prefix: {@code default}/{@code any}/{@code all}, an address, or address/length; the
     * family from {@code -4}/{@code -6} or from the text. A route prefix must have its host bits clear.
     */
    private static Prefix prefix(Family family, String text, boolean route) throws Refused {
        String expected = family == null ? "any valid" : family == Family.IPV4 ? "inet" : "inet6";
        Refused bad = new Refused(1, "Error: " + expected + " prefix is expected rather than \"" + text + "\".");
        if (route && (text.equals("default") || text.equals("any") || text.equals("all"))) {
            Family f = family == null ? Family.IPV4 : family;
            return new Prefix(f, zero(f), 0);
        }
        int slash = text.indexOf('/');
        String addr = slash < 0 ? text : text.substring(0, slash);
        InetAddress ia = literal(addr);
        if (ia == null || (family != null && Bits.family(ia) != family)) {
            throw bad;
        }
        Family f = Bits.family(ia);
        int len = Bits.maxLength(f);
        if (slash >= 0) {
            try {
                len = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw bad;
            }
            if (len < 0 || len > Bits.maxLength(f)) {
                throw bad;
            }
        }
        if (route && !Bits.network(ia, len).equals(ia)) {
            throw new Refused(2, "Error: Invalid prefix for given prefix length.");
        }
        return new Prefix(f, ia, len);
    }

    private static InetAddress gateway(Family family, String text) throws Refused {
        InetAddress ia = literal(text);
        if (ia == null || (family != null && Bits.family(ia) != family)) {
            String expected = family == null ? "any valid" : family == Family.IPV4 ? "inet" : "inet6";
            throw new Refused(1, "Error: " + expected + " address is expected rather than \"" + text + "\".");
        }
        return ia;
    }

    /** A numeric address, never a name lookup; null if the text is not one. */
    static InetAddress literal(String s) {
        try {
            if (s.indexOf(':') >= 0) {
                long[] v = InetText.parseIpv6(s);
                if (v == null) {
                    return null;
                }
                byte[] b = new byte[16];
                for (int i = 0; i < 8; i++) {
                    b[i] = (byte) (v[0] >>> (56 - 8 * i));
                    b[8 + i] = (byte) (v[1] >>> (56 - 8 * i));
                }
                return InetAddress.getByAddress(b);
            }
            long v = InetText.parseIptablesIpv4(s);
            if (v < 0) {
                return null;
            }
            return InetAddress.getByAddress(new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v});
        } catch (UnknownHostException e) {
            return null; // wrong length: cannot happen for 4 or 16 bytes
        }
    }

    private static InetAddress zero(Family f) {
        try {
            return InetAddress.getByAddress(new byte[f == Family.IPV4 ? 4 : 16]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
