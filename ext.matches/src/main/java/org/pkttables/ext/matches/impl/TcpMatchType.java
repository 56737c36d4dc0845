package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.CNumbers;
import org.pkttables.api.ext.ParameterProblem;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/** The {@code tcp} match (libxt_tcp): ports, flags and one TCP option. */
@Component(service = MatchType.class, property = MatchType.NAME + "=tcp")
public final class TcpMatchType extends DescribedExtension implements MatchType {
    static final Param<NumRange> SPORT = Param.of("--sport", PortRangeType.TCP).alias("--source-port")
            .invertible().listed("spt{s}:{!}{v}").help("source port or port range lo:hi");
    static final Param<NumRange> DPORT = Param.of("--dport", PortRangeType.TCP).alias("--destination-port")
            .invertible().listed("dpt{s}:{!}{v}").help("destination port or port range lo:hi");
    static final Param<Integer> OPTION = Param.of("--tcp-option", new TcpOptionType()).invertible().listed("option={!}{v}")
            .help("match if the TCP option with this number (1-255) is present");
    static final Param<TcpFlagsSpec> FLAGS = Param.of("--tcp-flags", TcpFlagsType.INSTANCE).invertible().listed("flags:{!}{v}")
            .help("MASK COMP: of the flags in MASK exactly those in COMP are set (SYN ACK FIN RST URG PSH ALL NONE)");
    static final Param<Boolean> SYN = Param.of("--syn", ParamTypes.flag()).invertible()
            .help("connection opening: --tcp-flags FIN,SYN,RST,ACK SYN");

    // Order = the order `iptables -S` prints the options in; --syn is never listed (canonicalised away).
    public TcpMatchType() {
        super(ExtensionDescriptor.match("tcp").ip().protocolCheckedByTool("tcp").listing("tcp")
                .params(SPORT, DPORT, OPTION, FLAGS, SYN)
                .help("tcp match: source/destination ports, TCP flags and options").build());
    }

    @Override
    public Args canonicalize(Args args) {
        checkSynXorFlags(args);
        Args.Builder b = args.toBuilder();
        if (args.has(SYN)) {
            b.remove(SYN).put(FLAGS, TcpFlagsSpec.SYN_ONLY, args.inverted(SYN));
        }
        // What matches everything is not listed, as iptables does (--sport : lists as nothing).
        PortRangeType.dropIfAll(args, b, SPORT);
        PortRangeType.dropIfAll(args, b, DPORT);
        if (args.has(FLAGS) && !args.inverted(FLAGS) && args.get(FLAGS).mask() == 0 && args.get(FLAGS).comp() == 0) {
            b.remove(FLAGS);
        }
        return b.build();
    }

    @Override
    public boolean vanishes(Args given) {
        return PortRangeType.vanishes(given, SPORT, DPORT);
    }

    private static void checkSynXorFlags(Args args) {
        if (args.has(SYN) && args.has(FLAGS)) {
            throw new ParameterProblem("only one of --syn or --tcp-flags may be given",
                    "Only one of `--syn' or `--tcp-flags'  allowed"); // libxt_tcp's words, its two spaces too
        }
    }

    @Override
    public Match compile(Args args) {
        checkSynXorFlags(args);
        NumRange s = args.getOr(SPORT, PortRangeType.ALL);
        NumRange d = args.getOr(DPORT, PortRangeType.ALL);
        TcpFlagsSpec f = args.has(SYN) ? TcpFlagsSpec.SYN_ONLY : args.getOr(FLAGS, new TcpFlagsSpec(0, 0));
        boolean fInv = args.has(SYN) ? args.inverted(SYN) : args.inverted(FLAGS);
        return new TcpMatch((int) s.lo(), (int) s.hi(), args.inverted(SPORT), (int) d.lo(), (int) d.hi(),
                args.inverted(DPORT),
                args.getOr(OPTION, 0), args.inverted(OPTION), f.mask(), f.comp(), fInv);
    }

    /** A TCP option kind, 1..255 (0, end of options, cannot be searched for). */
    private static final class TcpOptionType extends ParamType<Integer> {
        TcpOptionType() {
            super("option 1..255", 1);
        }

        @Override
        public Integer parse(List<String> words) {
            long v = CNumbers.parse(words.get(0), 255);
            if (v < 1) {
                throw new ParameterProblem("bad TCP option \"" + words.get(0) + "\" (want 1..255)", "Bad TCP option \"" + words.get(0) + "\"");
            }
            return (int) v;
        }

        @Override
        public List<String> format(Integer v) {
            return List.of(Integer.toString(v));
        }
    }
}
