package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code comment} match (libxt_comment): text kept with the rule, matches every packet. */
@Component(service = MatchType.class, property = MatchType.NAME + "=comment")
public final class CommentMatchType extends DescribedExtension implements MatchType {
    static final Param<String> COMMENT = Param.of("--comment", CommentText.INSTANCE).mandatory().listed("/* {v} */")
            .help("text, at most 255 bytes");

    /** Shared: a comment never looks at the packet. */
    private static final Match ALWAYS = p -> true;

    public CommentMatchType() {
        super(ExtensionDescriptor.match("comment")
                .families(Family.IPV4, Family.IPV6, Family.ARP, Family.BRIDGE)
                .listing("").params(COMMENT).help("comment match: a note on the rule").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(COMMENT)) {
            throw new IllegalArgumentException("comment: option --comment must be specified");
        }
        return ALWAYS;
    }
}
