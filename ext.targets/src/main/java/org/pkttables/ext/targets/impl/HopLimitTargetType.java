package org.pkttables.ext.targets.impl;

import java.util.Locale;

import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * The TTL and HL targets, which differ only in the family and the options' stem: {@code --NAME-set},
 * {@code --NAME-dec}, {@code --NAME-inc} (mangle table), compiled to a {@link HopLimitTarget}.
 */
abstract class HopLimitTargetType extends DescribedExtension implements TargetType {
    private final Param<Long> set;
    private final Param<Long> dec;
    private final Param<Long> inc;

    /**
     * @param name  the target's name (TTL, HL); the options' stem is its lower case
     * @param field what the option help calls the field (TTL, hop limit)
     * @param what  what the target's help calls it (time to live, hop limit)
     */
    HopLimitTargetType(Family family, String name, String field, String what) {
        this(family, name, what, option(name, "set", 0, "set " + field + " to value"),
                option(name, "dec", 1, "decrement " + field + " by value"),
                option(name, "inc", 1, "increment " + field + " by value"));
    }

    private HopLimitTargetType(Family family, String name, String what, Param<Long> set, Param<Long> dec,
            Param<Long> inc) {
        super(ExtensionDescriptor.target(name).families(family).tables("mangle").listing("").params(set, dec, inc)
                .exclusive(set, dec, inc)
                .help(name + ": change the " + (family == Family.IPV6 ? "IPv6 " : "IPv4 ") + what
                        + " (non-terminating)").build());
        this.set = set;
        this.dec = dec;
        this.inc = inc;
    }

    private static Param<Long> option(String name, String op, long min, String help) {
        // -L: "TTL set to 42", "HL decrement by 1"
        String listed = name + (op.equals("set") ? " set to {v}" : op.equals("dec") ? " decrement by {v}"
                : " increment by {v}");
        return Param.of("--" + name.toLowerCase(Locale.ROOT) + "-" + op, ParamTypes.uint(min, 255)).listed(listed)
                .help(help);
    }

    @Override
    public final Target compile(Args args) {
        return HopLimitTarget.compile(args, set, inc, dec, args.family() == Family.IPV6);
    }
}
