package org.pkttables.api.ext;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A match extension, registered as an OSGi service (whiteboard). The descriptor says what it is and
 * which parameters it takes; {@link #compile} checks a rule's values once and returns the shared,
 * immutable {@link Match} the hot path calls.
 */
@ConsumerType
public interface MatchType {
    /** Service property with the extension name (set it to {@code descriptor().name()}). */
    String NAME = "pkttables.match";

    ExtensionDescriptor descriptor();

    /**
     * Builds the match for one rule.
     *
     * @throws IllegalArgumentException naming the value or combination that is wrong
     */
    Match compile(Args args);

    /**
     * The canonical form of the arguments, as listing and save show them ({@code --syn} becomes
     * {@code --tcp-flags FIN,SYN,RST,ACK SYN}). Default: unchanged.
     */
    default Args canonicalize(Args args) {
        return args;
    }

    /**
     * Whether the rule lists (and saves) without this match at all, given its arguments as parsed (before
     * {@link #canonicalize}): iptables-nft drops a match whose options translate to nothing, e.g.
     * {@code -p tcp -m tcp ! --sport :} lists as {@code -p tcp}. The match is still compiled and must then
     * admit every packet the rest of the rule does. Default: never.
     */
    default boolean vanishes(Args given) {
        return false;
    }
}
