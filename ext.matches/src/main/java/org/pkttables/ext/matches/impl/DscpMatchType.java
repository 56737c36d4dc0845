package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** The {@code dscp} match (libxt_dscp): the upper six bits of the TOS byte / traffic class. */
@Component(service = MatchType.class, property = MatchType.NAME + "=dscp")
public final class DscpMatchType extends DescribedExtension implements MatchType {
    static final Param<Integer> DSCP = Param.of("--dscp", ParamTypes.dscp()).invertible()
            .listed("{!}{v}").help("DSCP value 0-63 (0x00-0x3f)");
    static final Param<Integer> CLASS = Param.of("--dscp-class", ParamTypes.dscpClass()).invertible()
            .listed("{!}{v}").help("DiffServ class: CS0-CS7, BE, AF11-AF43, EF; listed as --dscp");

    public DscpMatchType() {
        super(ExtensionDescriptor.match("dscp").ip().listing("DSCP match")
                .params(DSCP, CLASS).exclusive(DSCP, CLASS).help("dscp match: DiffServ code point").build());
    }

    @Override
    public Args canonicalize(Args args) {
        check(args);
        if (args.has(CLASS)) {
            return args.toBuilder().remove(CLASS).put(DSCP, args.get(CLASS), args.inverted(CLASS)).build();
        }
        return args;
    }

    private static void check(Args args) {
        if (args.has(DSCP) == args.has(CLASS)) {
            throw new ParameterProblem("exactly one of --dscp or --dscp-class is required", "DSCP match: Parameter --dscp is required");
        }
    }

    @Override
    public Match compile(Args args) {
        check(args);
        boolean cls = args.has(CLASS);
        int v = cls ? args.get(CLASS) : args.get(DSCP);
        return new DscpMatch(args.family() == Family.IPV6, v, args.inverted(cls ? CLASS : DSCP));
    }
}
