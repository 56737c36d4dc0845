package org.pkttables.l2.bridge.impl;

import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * ebtables' log watcher: logs every frame that reaches it (after the rule's matches) and lets it go on;
 * modelled as a match that is always true. Lines go to the {@code org.pkttables.ebt.log} System.Logger
 * in the kernel's ebt_log shape ({@code PREFIX IN=… OUT=… MAC source = … MAC dest = … proto = 0x…}).
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=log")
public final class EbtLogMatchType implements MatchType {
    static final String[] LEVELS = { "emerg", "alert", "crit", "error", "warning", "notice", "info", "debug" };

    static final Param<Boolean> LOG = Param.of("--log", ParamTypes.flag()).help("log with the default settings");
    static final Param<Integer> LEVEL = Param.of("--log-level", levelType()).help("syslog level (name or 0-7)");
    static final Param<String> PREFIX = Param.of("--log-prefix", ParamTypes.string(29))
            .help("prefix of the log line (up to 29 characters)");
    static final Param<Boolean> IP = Param.of("--log-ip", ParamTypes.flag()).help("also log IPv4 addresses");
    static final Param<Boolean> ARP = Param.of("--log-arp", ParamTypes.flag()).help("also log ARP fields");
    static final Param<Boolean> IP6 = Param.of("--log-ip6", ParamTypes.flag()).help("also log IPv6 addresses");

    private static final ExtensionDescriptor D = ExtensionDescriptor.match("log").families(Family.BRIDGE)
            .params(LOG, LEVEL, PREFIX, IP, ARP, IP6).help("log: log the frame (a watcher: never stops a match)")
            .build();

    private static final System.Logger LOGGER = System.getLogger("org.pkttables.ebt.log");

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<Integer> levelType() {
        return ParamTypes.word("level", word -> {
            String w = word.toLowerCase(Locale.ROOT);
            for (int i = 0; i < LEVELS.length; i++) {
                if (LEVELS[i].equals(w)) {
                    return i;
                }
            }
            if (w.length() == 1 && w.charAt(0) >= '0' && w.charAt(0) <= '7') {
                return w.charAt(0) - '0';
            }
            throw new IllegalArgumentException("Problem with the log-level '" + word + "'");
        }, v -> LEVELS[v]);
    }

    /** ebtables always lists the level (notice by default) and never --log itself. */
    @Override
    public Args canonicalize(Args args) {
        Args.Builder b = args.toBuilder().remove(LOG);
        if (!args.has(LEVEL)) {
            b.put(LEVEL, 5);
        }
        return b.build();
    }

    @Override
    public Match compile(Args a) {
        String prefix = a.getOr(PREFIX, "");
        int level = a.getOr(LEVEL, 5);
        boolean ip = a.has(IP);
        boolean arp = a.has(ARP);
        boolean ip6 = a.has(IP6);
        System.Logger.Level jl = level <= 3 ? System.Logger.Level.ERROR : level == 4 ? System.Logger.Level.WARNING
                : level == 7 ? System.Logger.Level.DEBUG : System.Logger.Level.INFO;
        return p -> {
            if (LOGGER.isLoggable(jl)) {
                LOGGER.log(jl, line(prefix, p, ip, arp, ip6));
            }
            return true;
        };
    }

    /** One log line (cold path: only built when the logger takes it). */
    static String line(String prefix, PacketContext p, boolean ip, boolean arp, boolean ip6) {
        int l2 = p.l2Offset();
        int type = p.u16(l2 + 12);
        StringBuilder sb = new StringBuilder(prefix);
        sb.append(" IN=").append(p.inIface() == null ? "" : p.inIface()).append(" OUT=")
                .append(p.outIface() == null ? "" : p.outIface()).append(" MAC source = ")
                .append(MacMask.format(p.u48(l2 + 6))).append(" MAC dest = ").append(MacMask.format(p.u48(l2)))
                .append(" proto = 0x").append(String.format(Locale.ROOT, "%04x", type));
        int l3 = l2 + BridgeHandler.ETH_HLEN;
        if (ip && type == 0x0800 && p.has(l3, 20)) {
            sb.append(" IP SRC=").append(org.pkttables.api.ext.InetText.formatIpv4(p.u32(l3 + 12)))
                    .append(" IP DST=").append(org.pkttables.api.ext.InetText.formatIpv4(p.u32(l3 + 16)))
                    .append(", IP tos=0x").append(String.format(Locale.ROOT, "%02X", p.u8(l3 + 1)))
                    .append(", IP proto=").append(p.u8(l3 + 9));
        }
        if (arp && (type == 0x0806 || type == 0x8035) && p.has(l3, 8)) {
            sb.append(" ARP HTYPE=").append(p.u16(l3)).append(", PTYPE=0x")
                    .append(String.format(Locale.ROOT, "%04x", p.u16(l3 + 2))).append(", OPCODE=").append(p.u16(l3 + 6));
        }
        if (ip6 && type == 0x86dd && p.has(l3, 40)) {
            sb.append(" IPv6 SRC=").append(org.pkttables.api.ext.InetText.formatIpv6((p.u32(l3 + 8) << 32)
                    | p.u32(l3 + 12), (p.u32(l3 + 16) << 32) | p.u32(l3 + 20))).append(" IPv6 DST=")
                    .append(org.pkttables.api.ext.InetText.formatIpv6((p.u32(l3 + 24) << 32) | p.u32(l3 + 28),
                            (p.u32(l3 + 32) << 32) | p.u32(l3 + 36)));
        }
        return sb.toString();
    }
}
