package org.pkttables.ext.matches.impl;

import java.util.Locale;

import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The ttl and hl matches, which differ only in the family, the option names and the byte of the IP
 * header they read: {@code --NAME-eq} (alias {@code --NAME}), {@code --NAME-lt}, {@code --NAME-gt},
 * exactly one of them.
 */
abstract class HopLimitMatchType extends DescribedExtension implements MatchType {
    private final Param<Long> eq;
    private final Param<Long> lt;
    private final Param<Long> gt;
    private final int field;

    /**
     * @param name   the extension name, also the options' stem (ttl, hl)
     * @param what   what the field is called in the help (time to live, hop limit)
     * @param field  the field's offset in the IP header
     */
    HopLimitMatchType(Family family, String name, String what, int field) {
        this(family, name, what, field, Param.of("--" + name + "-eq", ParamTypes.uint(0, 255)).alias("--" + name)
                .invertible().listed(up(name) + " == {v}").listedInverted(up(name) + " != {v}")
                .help("match " + what + " value"), limit(name, "lt", "<"), limit(name, "gt", ">"));
    }

    private static String up(String name) {
        return name.toUpperCase(Locale.ROOT);
    }

    private HopLimitMatchType(Family family, String name, String what, int field, Param<Long> eq, Param<Long> lt,
            Param<Long> gt) {
        super(ExtensionDescriptor.match(name).families(family).listing(up(name) + " match").params(eq, lt, gt)
                .excludes(lt, eq, gt).excludes(gt, eq, lt)
                .help(name + " match: " + (family == Family.IPV6 ? "IPv6 " : "IPv4 ") + what).build());
        this.eq = eq;
        this.lt = lt;
        this.gt = gt;
        this.field = field;
    }

    private static Param<Long> limit(String name, String op, String sign) {
        return Param.of("--" + name + "-" + op, ParamTypes.uint(0, 255)).listed(up(name) + " " + sign + " {v}")
                .help("match " + name.toUpperCase(Locale.ROOT) + " " + sign + " value");
    }

    /**
     * libipt_ttl's and libip6t_hl's words when no option is given (ttl's lacks the closing quote, as 1.8.9
     * prints it).
     */
    private String missingWords() {
        String stem = eq.option().substring(2, eq.option().length() - 3);
        return up(stem) + " match: You must specify one of `" + eq + "', `" + lt + "', `" + gt
                + (stem.equals("ttl") ? "" : "'");
    }

    @Override
    public final Match compile(Args args) {
        int n = (args.has(eq) ? 1 : 0) + (args.has(lt) ? 1 : 0) + (args.has(gt) ? 1 : 0);
        if (n != 1) {
            throw new ParameterProblem(n == 0 ? "one of " + eq + ", " + lt + ", " + gt + " is required"
                    : "only one of " + eq + ", " + lt + ", " + gt + " may be given", missingWords());
        }
        if (args.has(eq)) {
            return new HopLimitMatch(field, args.inverted(eq) ? HopLimitMatch.NE : HopLimitMatch.EQ,
                    args.get(eq).intValue());
        }
        return args.has(lt) ? new HopLimitMatch(field, HopLimitMatch.LT, args.get(lt).intValue())
                : new HopLimitMatch(field, HopLimitMatch.GT, args.get(gt).intValue());
    }
}
