package org.pkttables.api;

/**
 * One change to the ruleset, as nfnetlink announces it. Every event of one commit carries the same
 * generation.
 *
 * @param position 1-based rule position, 0 when not about a rule
 * @param handle   rule handle, 0 when not about a rule
 * @param detail   rule words (save form), new chain name on rename, or policy name
 */
public record RulesetEvent(long generation, Type type, Family family, String table, String chain, int position,
        long handle, String detail) {

    /** What changed. */
    public enum Type {
        RULE_ADDED, RULE_DELETED, RULE_REPLACED, CHAIN_ADDED, CHAIN_DELETED, CHAIN_RENAMED, POLICY, FLUSH, ZERO,
        RULE_UNBOUND, RULE_REBOUND
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(generation).append("] ").append(type).append(' ').append(family.id()).append(' ')
                .append(table);
        if (chain != null) {
            sb.append(' ').append(chain);
        }
        if (position > 0) {
            sb.append(" #").append(position);
        }
        if (handle > 0) {
            sb.append(" handle ").append(handle);
        }
        if (detail != null && !detail.isEmpty()) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }
}
