package org.pkttables.conntrack.impl.match;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code state} match (libxt_state): the packet's conntrack state. */
@Component(service = MatchType.class, property = MatchType.NAME + "=state")
public final class StateMatchType implements MatchType {
    static final Param<Integer> STATE = Param.of("--state", States.STATE).invertible().mandatory().listed("{! }state {v}")
            .help("INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED: match any of these states");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("state").ip().listing("").params(STATE)
            .help("state match: the packet's connection tracking state").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(STATE)) {
            throw new IllegalArgumentException("state: option \"--state\" must be specified");
        }
        int mask = args.get(STATE);
        boolean inv = args.inverted(STATE);
        return p -> ((States.bit(p) & mask) != 0) != inv;
    }
}
