package org.pkttables.ext.matches.impl;

import java.util.List;

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

    @Override
    public List<String> validValues() {
        return names.names();
    }
}
