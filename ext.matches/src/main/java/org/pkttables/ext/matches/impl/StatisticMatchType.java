package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamTypes;

/** The {@code statistic} match (libxt_statistic): random sampling or every n-th packet. */
@Component(service = MatchType.class, property = MatchType.NAME + "=statistic")
public final class StatisticMatchType extends DescribedExtension implements MatchType {
    /** {@code --packet}: listed by {@code -L} only when not 0 (statistic_print). */
    private static final org.pkttables.api.ext.ParamType<Long> NTH_PACKET = ParamTypes.listedAs(
            ParamTypes.uint(0, 0xffffffffL),
            (v, ctx) -> v == 0 ? java.util.List.of() : java.util.List.of(v.toString()));

    static final Param<String> MODE = Param.of("--mode", ParamTypes.refusedAs(new ExactChoiceType("mode", "random", "nth"),
            w -> "Bad mode \"" + w + "\"")).mandatory()
            .listed("mode {v}").help("random or nth");
    static final Param<Long> PROBABILITY = Param.of("--probability", StatisticProbabilityType.INSTANCE).invertible()
            .listed("{! }probability {v}").help("random mode: probability 0..1");
    static final Param<Long> EVERY = Param.of("--every", ParamTypes.uint(1, 0xffffffffL)).invertible()
            .listed("{! }every {v}").help("nth mode: match one packet in n");
    static final Param<Long> PACKET = Param.of("--packet", NTH_PACKET)
            .listed("packet {v}").help("nth mode: initial counter value, 0 <= p <= n-1");

    public StatisticMatchType() {
        super(ExtensionDescriptor.match("statistic").ip().listing("statistic")
                .params(MODE, PROBABILITY, EVERY, PACKET)
                .alsoRequires(EVERY, PACKET).help("statistic match: random or nth packet").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(MODE)) {
            throw new IllegalArgumentException("option --mode must be specified");
        }
        if ("random".equals(args.get(MODE))) {
            if (args.has(EVERY) || args.has(PACKET)) {
                throw new IllegalArgumentException("--every and --packet are for --mode nth");
            }
            if (!args.has(PROBABILITY)) {
                throw new ParameterProblem("--mode random needs --probability",
                        "--probability must be specified when using random mode");
            }
            return new StatisticRandomMatch(args.get(PROBABILITY), args.inverted(PROBABILITY));
        }
        // iptables 1.8.9 wants both with nth (--every without --packet: the descriptor's requirement).
        if (!args.has(EVERY) || !args.has(PACKET)) {
            throw new ParameterProblem("--mode nth needs --every and --packet",
                    "--every and --packet must be specified when using nth mode");
        }
        if (args.has(PROBABILITY)) {
            throw new IllegalArgumentException("--probability is for --mode random");
        }
        long every = args.get(EVERY) - 1;
        long packet = args.get(PACKET);
        if (packet > every) {
            throw new ParameterProblem("--packet " + packet + " must be below --every " + (every + 1),
                    "the --packet p must be 0 <= p <= n-1");
        }
        return new StatisticNthMatch((int) every, (int) packet, args.inverted(EVERY));
    }
}
