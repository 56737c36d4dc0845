package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/**
 * The {@code helper} match (libxt_helper): the connection's conntrack helper is (or, inverted, is not) the one
 * named. pkttables assigns no helpers yet (CT --helper is refused), so no connection has one: the match never
 * holds and its inversion always does, as in a kernel where no helper was attached.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=helper")
public final class HelperMatchType implements MatchType {
    static final Param<String> HELPER = Param.of("--helper", HelperName.INSTANCE).mandatory().invertible()
            .help("conntrack helper name, e.g. ftp (longer than 29 characters is cut)");

    private static final Match NEVER = p -> false;
    private static final Match ALWAYS = p -> true;

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("helper").ip()
            .params(HELPER).help("helper match: the connection's conntrack helper").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(HELPER)) {
            throw new IllegalArgumentException("helper: option --helper must be specified");
        }
        return args.inverted(HELPER) ? ALWAYS : NEVER;
    }
}
