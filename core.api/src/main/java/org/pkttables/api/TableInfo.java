package org.pkttables.api;

import java.util.List;

/** A consistent snapshot of one table (all chains from the same generation). */
public record TableInfo(Family family, String name, long generation, List<ChainInfo> chains) {
    public TableInfo {
        chains = List.copyOf(chains);
    }

    public ChainInfo chain(String chainName) {
        for (ChainInfo c : chains) {
            if (c.name().equals(chainName)) {
                return c;
            }
        }
        return null;
    }
}
