package org.pkttables.cli.xtables;

import org.pkttables.api.Family;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ExtensionDescriptor.Kind;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.tables.engine.RulesetTools;

/**
 * The extensions behind a rule's words, as the tools look them up: a match or target by name, the
 * match an option or a {@code -p} implies, and the family's L3 handler (base options, protocol names).
 */
final class Extensions {
    private final ExtensionRegistry registry;
    private final RulesetTools tools;

    Extensions(ExtensionRegistry registry, RulesetTools tools) {
        this.registry = registry;
        this.tools = tools;
    }

    /** The L3 handler of {@code f}, or null when the family is not loaded. */
    L3Handler handler(Family f) {
        return tools.handler(f);
    }

    /** The match {@code name} usable in {@code f}, or null. */
    ExtensionDescriptor match(Family f, String name) {
        return registry.find(f, Kind.MATCH, name);
    }

    /** The target {@code name} usable in {@code f}, or null. */
    ExtensionDescriptor target(Family f, String name) {
        return registry.find(f, Kind.TARGET, name);
    }

    /**
     * The match of family {@code f} that takes {@code option}, for tools that load matches by their
     * options (ebtables: {@code --ip-src} loads ip); null if none.
     */
    ExtensionDescriptor matchByOption(Family f, String option) {
        for (ExtensionDescriptor d : registry.descriptors()) {
            if (d.kind() == Kind.MATCH && d.families().contains(f) && d.param(option) != null) {
                return d;
            }
        }
        return null;
    }

    /**
     * The match loaded implicitly by {@code -p PROTO}: one whose descriptor names that protocol, compared
     * by number through the family's handler, so {@code -p 6}, {@code -p tcp}, {@code -p icmpv6} and
     * {@code -p ipv6-icmp} all find theirs.
     */
    ExtensionDescriptor protocolMatch(Family f, int proto, L3Handler h) {
        if (proto < 0) {
            return null;
        }
        for (ExtensionDescriptor d : registry.descriptors()) {
            if (d.kind() == Kind.MATCH && d.protocol() != null && d.families().contains(f)
                    && h.protocolNumber(d.protocol()) == proto) {
                return d;
            }
        }
        return null;
    }

    /** How many value words rule option {@code option} takes in whichever loaded descriptor knows it, 0 if none. */
    int optionArity(String option) {
        return tools.optionArity(option);
    }
}
