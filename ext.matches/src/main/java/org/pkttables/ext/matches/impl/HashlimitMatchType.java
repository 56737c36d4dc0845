package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParameterProblem;
import java.util.List;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The {@code hashlimit} match (libxt_hashlimit revision 3, packet rates): one token bucket per key made
 * of the fields {@code --hashlimit-mode} selects. Listed as iptables 1.8.9 does: the rate and the burst
 * always; the table tunables only when not their defaults; {@code ! --hashlimit-upto} is
 * {@code --hashlimit-above}.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=hashlimit")
public final class HashlimitMatchType extends ClockedMatchType {
    static final long DEFAULT_BURST = 5;
    static final long DEFAULT_GC_MS = 1000;
    /** HASHLIMIT_MAX_SIZE: larger sizes are clamped by the tool. */
    static final long MAX_SIZE = 1_048_576;
    static final long DEFAULT_SIZE = 1024;

    static final Param<HashlimitRate> UPTO = Param.of("--hashlimit-upto", HashlimitRateType.INSTANCE)
            .alias("--hashlimit").invertible().listed("up to {v}").help("match while the rate of a key is at most this");
    static final Param<HashlimitRate> ABOVE = Param.of("--hashlimit-above", HashlimitRateType.INSTANCE)
            .invertible().listed("above {v}").help("match when the rate of a key is above this");
    static final Param<Long> BURST = Param.of("--hashlimit-burst", ParamTypes.refusedAs(ParamTypes.uint(1, 1_000_000),
            w -> "bad value for option \"--hashlimit-burst\", or out of range (1-1000000).")).listed("burst {v}")
            .help("packets a key may send at once (default 5)");
    static final Param<Integer> MODE = Param.of("--hashlimit-mode", ParamTypes.refusedAs(HashlimitModeType.INSTANCE,
            w -> "hashlimit: Bad value for \"--hashlimit-mode\" option: \"" + w + "\"")).listed("mode {v}")
            .help("fields that make the key: srcip,srcport,dstip,dstport (none: one bucket for all)");
    static final Param<String> NAME = Param.of("--hashlimit-name", new TableNameType("bad --hashlimit-name",
            "want 1 to 255 characters", false, s -> !s.isEmpty() && s.length() <= 255)).mandatory().listed("")
            .help("name of the hash table");
    static final Param<Long> SIZE = Param.of("--hashlimit-htable-size", ParamTypes.uint(0, 0xFFFFFFFFL)).listed("htable-size {v}")
            .help("number of buckets of the hash table");
    static final Param<Long> MAX = Param.of("--hashlimit-htable-max", ParamTypes.uint(0, 0xFFFFFFFFL)).listed("htable-max {v}")
            .help("maximum number of keys in the table");
    static final Param<Long> GCINTERVAL = Param.of("--hashlimit-htable-gcinterval",
            ParamTypes.uint(0, 0xFFFFFFFFL)).listed("htable-gcinterval {v}").help("milliseconds between garbage collections (default 1000)");
    static final Param<Long> EXPIRE = Param.of("--hashlimit-htable-expire", ParamTypes.uint(0, 0xFFFFFFFFL)).listed("htable-expire {v}")
            .help("milliseconds after which an idle key is forgotten (default: the unit of the rate)");
    static final Param<Long> SRCMASK = Param.of("--hashlimit-srcmask", ParamTypes.uint(0, 128)).listed("srcmask {v}")
            .help("prefix length applied to srcip (default: all of it)");
    static final Param<Long> DSTMASK = Param.of("--hashlimit-dstmask", ParamTypes.uint(0, 128)).listed("dstmask {v}")
            .help("prefix length applied to dstip (default: all of it)");

    public HashlimitMatchType() {
        this(System::nanoTime);
    }

    /** With a clock in nanoseconds (tests). */
    HashlimitMatchType(LongSupplier nanoClock) {
        super(ExtensionDescriptor.match("hashlimit").ip().listing("limit:")
                .params(UPTO, ABOVE, BURST, MODE, NAME, SIZE, MAX, GCINTERVAL, EXPIRE, SRCMASK, DSTMASK)
                .exclusive(UPTO, ABOVE)
                .help("hashlimit match: rate limit per source/destination with a table of token buckets").build(),
                nanoClock);
    }

    @Override
    public Args canonicalize(Args args) {
        if (args.has(UPTO) && args.has(ABOVE)) {
            throw new IllegalArgumentException("hashlimit: --hashlimit-upto cannot be used together with --hashlimit-above");
        }
        if (!args.has(UPTO) && !args.has(ABOVE)) {
            throw new ParameterProblem("hashlimit: you have to specify --hashlimit-upto or --hashlimit-above", "You have to specify --hashlimit");
        }
        Args.Builder b = args.toBuilder();
        // "! --hashlimit-upto R" is "--hashlimit-above R" and the other way round.
        boolean above = args.has(ABOVE) != (args.has(UPTO) ? args.inverted(UPTO) : args.inverted(ABOVE));
        HashlimitRate rate = args.has(UPTO) ? args.get(UPTO) : args.get(ABOVE);
        b.remove(UPTO).remove(ABOVE).put(above ? ABOVE : UPTO, rate);
        if (!args.has(BURST)) {
            b.put(BURST, DEFAULT_BURST);
        }
        long expire = args.has(EXPIRE) ? args.get(EXPIRE) : rate.unitSeconds() * 1000;
        if (expire == HashlimitRateType.quantumMillis(rate.avg())) {
            b.remove(EXPIRE);
        } else {
            b.put(EXPIRE, expire);
        }
        canonicalTableSize(args, b, SIZE);
        canonicalTableSize(args, b, MAX);
        if (args.has(GCINTERVAL) && args.get(GCINTERVAL) == DEFAULT_GC_MS) {
            b.remove(GCINTERVAL);
        }
        long full = args.family() == Family.IPV6 ? 128 : 32;
        for (Param<Long> mask : List.of(SRCMASK, DSTMASK)) {
            if (args.has(mask) && args.get(mask) == full) {
                b.remove(mask);
            }
        }
        return b.build();
    }

    private static void canonicalTableSize(Args args, Args.Builder b, Param<Long> p) {
        if (!args.has(p)) {
            return;
        }
        long v = args.get(p);
        if (v == 0) {
            b.remove(p);
        } else if (v > MAX_SIZE) {
            b.put(p, MAX_SIZE);
        }
    }

    @Override
    public Match compile(Args args) {
        boolean above = args.has(ABOVE);
        HashlimitRate rate = above ? args.get(ABOVE) : args.get(UPTO);
        if (rate == null) {
            throw new ParameterProblem("hashlimit: you have to specify --hashlimit-upto or --hashlimit-above", "You have to specify --hashlimit");
        }
        if (!args.has(NAME)) {
            throw new IllegalArgumentException("hashlimit: option --hashlimit-name must be specified");
        }
        long full = args.family() == Family.IPV6 ? 128 : 32;
        long srcmask = args.getOr(SRCMASK, full);
        long dstmask = args.getOr(DSTMASK, full);
        if (srcmask > full || dstmask > full) {
            throw new KernelRefusal("hashlimit: a mask of " + Math.max(srcmask, dstmask)
                    + " is longer than the address (" + full + " bits)");
        }
        long gc = args.getOr(GCINTERVAL, DEFAULT_GC_MS);
        if (gc == 0) {
            throw new KernelRefusal("hashlimit: --hashlimit-htable-gcinterval must not be 0");
        }
        long expire = args.getOr(EXPIRE, HashlimitRateType.quantumMillis(rate.avg()));
        if (expire == 0) {
            throw new KernelRefusal("hashlimit: --hashlimit-htable-expire must not be 0");
        }
        long size = args.getOr(SIZE, DEFAULT_SIZE);
        if (size == 0) {
            size = DEFAULT_SIZE;
        }
        long max = args.getOr(MAX, 0L);
        if (max == 0) {
            max = Math.min(8 * size, MAX_SIZE);
        }
        return new HashlimitMatch(args.family() == Family.IPV6, args.getOr(MODE, 0), (int) srcmask, (int) dstmask,
                rate.avg() * 1000L, args.get(BURST).intValue(), above, expire * 1_000_000L, (int) max, clock);
    }
}
