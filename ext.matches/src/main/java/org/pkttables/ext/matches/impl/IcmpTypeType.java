package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.ListFormatter;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;

/**
 * The value of {@code --icmp-type} / {@code --icmpv6-type}. Listed with numbers as iptables does:
 * {@code 8} for a whole type, {@code 3/1} for one code, {@code any} for ICMP type 255.
 */
final class IcmpTypeType extends ParamType<IcmpTypeSpec> {
    static final IcmpTypeType ICMP = new IcmpTypeType(IcmpTypeNames.ICMP, true);
    static final IcmpTypeType ICMPV6 = new IcmpTypeType(IcmpTypeNames.ICMPV6, false);

    private final IcmpTypeNames names;
    private final boolean hasAny;

    private IcmpTypeType(IcmpTypeNames names, boolean hasAny) {
        super("type[/code]", 1);
        this.names = names;
        this.hasAny = hasAny;
    }

    @Override
    public IcmpTypeSpec parse(List<String> words) {
        return names.parse(words.get(0));
    }

    @Override
    public List<String> format(IcmpTypeSpec v) {
        if (hasAny && v.type() == IcmpMatch.ANY_TYPE) {
            return List.of("any");
        }
        return List.of(v.allCodes() ? Integer.toString(v.type()) : v.type() + "/" + v.codeMin());
    }

    /**
     * The {@code -L} text of the match ({@code head} {@code icmp} or {@code ipv6-icmp}), print_icmptype of
     * libipt_icmp: the type's name without {@code -n} where one fits exactly ({@code icmp !echo-request}),
     * else the numbers glued to the head ({@code icmptype 3 code 1}, {@code icmp !type 8}). Irregular (the
     * blank depends on the form), hence a formatter, not a template.
     */
    ListFormatter listing(String head, Param<IcmpTypeSpec> p) {
        return (args, ctx) -> {
            IcmpTypeSpec v = args.get(p);
            boolean inv = args.inverted(p);
            StringBuilder sb = new StringBuilder(" ").append(head);
            String name = ctx.numeric() ? null : names.nameOf(v);
            if (name != null) {
                return sb.append(' ').append(inv ? "!" : "").append(name).toString();
            }
            sb.append(inv ? " !" : "").append("type ").append(v.type());
            if (v.codeMin() == v.codeMax()) {
                sb.append(" code ").append(v.codeMin());
            } else if (!v.allCodes()) {
                sb.append(" codes ").append(v.codeMin()).append('-').append(v.codeMax());
            }
            return sb.toString();
        };
    }

    @Override
    public List<String> validValues() {
        return names.names();
    }
}
