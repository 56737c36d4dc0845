package org.pkttables.api;

import java.util.List;

/**
 * A chain as listed.
 *
 * @param policy     the built-in chain's policy verdict, -1 for a user chain
 * @param packets    policy packet counter (built-in chains)
 * @param references number of rules that jump or go to this chain
 */
public record ChainInfo(String name, boolean builtin, int policy, long packets, long bytes, int references,
        List<RuleInfo> rules) {
    public ChainInfo {
        rules = List.copyOf(rules);
    }
}
