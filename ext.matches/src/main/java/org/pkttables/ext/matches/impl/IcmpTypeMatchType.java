package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/**
 * What the icmp and icmp6 matches share: one mandatory type option compiled to an {@link IcmpMatch}
 * for the family's protocol. They differ in the option's name, the type names it knows and whether
 * type 255 means any type (ICMP only).
 */
abstract class IcmpTypeMatchType extends DescribedExtension implements MatchType {
    private final Param<IcmpTypeSpec> type;
    private final int proto;
    private final boolean anyTypeOk;

    IcmpTypeMatchType(ExtensionDescriptor descriptor, Param<IcmpTypeSpec> type, int proto, boolean anyTypeOk) {
        super(descriptor);
        this.type = type;
        this.proto = proto;
        this.anyTypeOk = anyTypeOk;
    }

    @Override
    public final Match compile(Args args) {
        if (!args.has(type)) {
            throw new IllegalArgumentException(descriptor().name() + ": option " + type.option()
                    + " must be specified");
        }
        return new IcmpMatch(proto, anyTypeOk, args.get(type), args.inverted(type));
    }
}
