package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code u32} match (libxt_u32): tests on 32-bit words of the IP packet. */
@Component(service = MatchType.class, property = MatchType.NAME + "=u32")
public final class U32MatchType extends DescribedExtension implements MatchType {
    static final Param<U32Program> U32 = Param.of("--u32", U32ProgramType.INSTANCE).invertible().mandatory()
            .listed("{! }{v}").help("tests, e.g. \"6&0xFF=17 && 0>>22&0x3C@0>>16=53\"");

    public U32MatchType() {
        super(ExtensionDescriptor.match("u32").ip().listing("u32")
                .params(U32).help("u32 match: arbitrary tests on packet words").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(U32)) {
            throw new IllegalArgumentException("option --u32 must be specified");
        }
        return new U32Match(args.get(U32), args.inverted(U32));
    }
}
