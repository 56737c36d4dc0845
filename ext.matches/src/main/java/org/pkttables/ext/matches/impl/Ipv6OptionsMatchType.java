package org.pkttables.ext.matches.impl;

import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The hbh and dst matches, which differ only in the options header they look for and their options'
 * stem: {@code --NAME-len} and {@code --NAME-opts}, compiled to an {@link Ipv6OptionsMatch}.
 */
abstract class Ipv6OptionsMatchType extends DescribedExtension implements MatchType {
    private final int header;
    private final Param<Long> len;
    private final Param<Ipv6OptionList> opts;

    /**
     * @param name   the extension name, also the options' stem (hbh, dst)
     * @param header the extension header's protocol number ({@link Ipv6Headers})
     * @param what   the header's name in the help
     */
    Ipv6OptionsMatchType(String name, int header, String what) {
        this(name, header, what, Param.of("--" + name + "-len", ParamTypes.uint(0, 0xffffffffL)).invertible()
                .listed("length:{!}{v}").help("header length in bytes"), Param.of("--" + name + "-opts", Ipv6OptionListType.INSTANCE).listed("opts {v}")
                .help("type[:length][,type[:length]]...: the first options, in order"));
    }

    private Ipv6OptionsMatchType(String name, int header, String what, Param<Long> len, Param<Ipv6OptionList> opts) {
        super(ExtensionDescriptor.match(name).families(Family.IPV6).listing(name).params(len, opts)
                .help(name + " match: IPv6 " + what + " header").build());
        this.header = header;
        this.len = len;
        this.opts = opts;
    }

    @Override
    public final Match compile(Args args) {
        return new Ipv6OptionsMatch(header, args.has(len), args.getOr(len, 0L), args.inverted(len), args.get(opts));
    }
}
