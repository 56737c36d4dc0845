package org.pkttables.ext.matches.impl;

import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The {@code limit} match (libxt_limit): a token bucket per rule. {@code --limit} is always listed
 * (default 3/hour); {@code --limit-burst} only when not the default 5.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=limit")
public final class LimitMatchType extends ClockedMatchType {
    static final long DEFAULT_AVG = LimitRateType.SCALE * 3600 / 3;
    static final long DEFAULT_BURST = 5;

    static final Param<Long> LIMIT = Param.of("--limit", LimitRateType.INSTANCE)
            .listed("avg {v}").listedDefault(LimitRateType.SCALE * 3600 / 3)
            .help("average rate, e.g. 3/hour (default), 10/second");
    static final Param<Long> BURST = Param.of("--limit-burst", ParamTypes.uint(0, 10000))
            .listed("burst {v}").listedDefault(DEFAULT_BURST)
            .help("packets allowed at once before the rate applies (default 5)");

    public LimitMatchType() {
        this(System::nanoTime);
    }

    /** With a clock in nanoseconds (tests). */
    LimitMatchType(LongSupplier nanoClock) {
        super(ExtensionDescriptor.match("limit").ip().listing("limit:")
                .params(LIMIT, BURST).help("limit match: rate limit with a token bucket").build(), nanoClock);
    }

    @Override
    public Args canonicalize(Args args) {
        Args.Builder b = args.toBuilder();
        if (!args.has(LIMIT)) {
            b.put(LIMIT, DEFAULT_AVG);
        }
        // 0 means "the default" to iptables-nft 1.8.9, which lists neither.
        if (args.has(BURST) && (args.get(BURST) == DEFAULT_BURST || args.get(BURST) == 0)) {
            b.remove(BURST);
        }
        return b.build();
    }

    @Override
    public Match compile(Args args) {
        long avg = args.getOr(LIMIT, DEFAULT_AVG);
        long burst = args.getOr(BURST, DEFAULT_BURST);
        if (burst == 0) {
            burst = DEFAULT_BURST;
        }
        // avg is in 1/10000 s: 100000 ns each.
        return new LimitMatch(avg * 100_000L, (int) burst, clock);
    }
}
