package org.pkttables.conntrack.impl.match;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code conntrack} match (libxt_conntrack revision 3): state, status, tuple, expiry and direction. */
@Component(service = MatchType.class, property = MatchType.NAME + "=conntrack")
public final class ConntrackMatchType implements MatchType {
    static final Param<Integer> CTSTATE = Param.of("--ctstate", States.CTSTATE).invertible().listed("{! }ctstate {v}")
            .help("INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED,SNAT,DNAT: any of these states");
    static final Param<Integer> CTPROTO = Param.of("--ctproto", CtProtoType.INSTANCE).invertible().listed("{! }ctproto {v}")
            .help("layer-4 protocol of the connection");
    static final Param<AddressMask> ORIGSRC = Param.of("--ctorigsrc", AddressMaskType.INSTANCE).invertible().listed("{! }ctorigsrc {v}")
            .help("original source address[/mask]");
    static final Param<AddressMask> ORIGDST = Param.of("--ctorigdst", AddressMaskType.INSTANCE).invertible().listed("{! }ctorigdst {v}")
            .help("original destination address[/mask]");
    static final Param<AddressMask> REPLSRC = Param.of("--ctreplsrc", AddressMaskType.INSTANCE).invertible().listed("{! }ctreplsrc {v}")
            .help("reply source address[/mask]");
    static final Param<AddressMask> REPLDST = Param.of("--ctrepldst", AddressMaskType.INSTANCE).invertible().listed("{! }ctrepldst {v}")
            .help("reply destination address[/mask]");
    static final Param<CtPortRange> ORIGSRCPORT = Param.of("--ctorigsrcport", CtPortRangeType.INSTANCE).invertible().listed("{! }ctorigsrcport {v}")
            .help("original source port[:port]");
    static final Param<CtPortRange> ORIGDSTPORT = Param.of("--ctorigdstport", CtPortRangeType.INSTANCE).invertible().listed("{! }ctorigdstport {v}")
            .help("original destination port[:port]");
    static final Param<CtPortRange> REPLSRCPORT = Param.of("--ctreplsrcport", CtPortRangeType.INSTANCE).invertible().listed("{! }ctreplsrcport {v}")
            .help("reply source port[:port]");
    static final Param<CtPortRange> REPLDSTPORT = Param.of("--ctrepldstport", CtPortRangeType.INSTANCE).invertible().listed("{! }ctrepldstport {v}")
            .help("reply destination port[:port]");
    static final Param<Integer> CTSTATUS = Param.of("--ctstatus", States.CTSTATUS).invertible().listed("{! }ctstatus {v}")
            .help("NONE,EXPECTED,SEEN_REPLY,ASSURED,CONFIRMED: any of these status bits");
    static final Param<ExpireRange> CTEXPIRE = Param.of("--ctexpire", ExpireRangeType.INSTANCE).invertible().listed("{! }ctexpire {v}")
            .help("remaining lifetime in seconds, time[:time]");
    static final Param<Boolean> CTDIR = Param.of("--ctdir", ParamTypes.choice("direction",
            directions(), v -> v ? "REPLY" : "ORIGINAL")).listed("ctdir {v}").help("ORIGINAL|REPLY: direction of the packet");

    private static Map<String, Boolean> directions() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        m.put("ORIGINAL", Boolean.FALSE);
        m.put("REPLY", Boolean.TRUE);
        return m;
    }

    // Order = the order `iptables -S` prints them in (checked against iptables 1.8.9).
    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("conntrack").ip()
            .params(CTSTATE, CTPROTO, ORIGSRC, ORIGDST, REPLSRC, REPLDST, ORIGSRCPORT, ORIGDSTPORT, REPLSRCPORT,
                    REPLDSTPORT, CTSTATUS, CTEXPIRE, CTDIR)
            // -L prints the direction first (conntrack_dump of libxt_conntrack)
            .listing("").listOrder(CTDIR, CTSTATE, CTPROTO, ORIGSRC, ORIGDST, REPLSRC, REPLDST, ORIGSRCPORT,
                    ORIGDSTPORT, REPLSRCPORT, REPLDSTPORT, CTSTATUS, CTEXPIRE)
            .help("conntrack match: connection tracking state, status, tuple, expiry and direction").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        if (args.params().isEmpty()) {
            throw new ParameterProblem("conntrack: at least one option is required", "conntrack: At least one option is required");
        }
        for (Param<AddressMask> p : java.util.List.of(ORIGSRC, ORIGDST, REPLSRC, REPLDST)) {
            if (args.has(p) && args.get(p).v6() != (args.family() == Family.IPV6)) {
                throw new IllegalArgumentException("conntrack: " + p.option() + " address family does not match "
                        + args.family().tool());
            }
        }
        return new ConntrackMatch(args);
    }
}
