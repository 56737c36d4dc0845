package org.pkttables.api;

/**
 * An extension on the packet path that threw (a match, a target, a hook function, an L3 handler): the
 * packets it threw on were dropped and counted, the worker went on. {@link Ruleset#faults()} lists one
 * per faulting rule or function with its count; {@link Ruleset#lastFault(int)} describes one worker's
 * latest.
 *
 * @param family    the family whose hook or rule it was
 * @param table     the table of the rule, or null for a hook function or an L3 handler
 * @param chain     the rule's chain (as named now), or the hook of a hook function, or null
 * @param rule      1-based position of the rule in its chain now, 0 when not a rule or the rule is gone
 * @param extension what threw, e.g. {@code match faulty}, {@code target LOG}, {@code hook function X}
 * @param packets   packets dropped because of it (for {@link Ruleset#lastFault(int)}: 1)
 * @param error     the last exception, as {@code Throwable.toString()} gives it
 */
public record ExtensionFault(Family family, String table, String chain, int rule, String extension, long packets,
        String error) {
    /** {@code ipv4 filter FORWARD rule 2: match faulty threw java.lang.IllegalStateException: boom}. */
    public String where() {
        StringBuilder sb = new StringBuilder(family.id());
        if (table != null) {
            sb.append(' ').append(table);
        }
        if (chain != null) {
            sb.append(' ').append(chain);
        }
        if (rule > 0) {
            sb.append(" rule ").append(rule);
        } else if (table != null) {
            sb.append(" (rule deleted)");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return where() + ": " + extension + " threw " + error + "; " + packets + (packets == 1 ? " packet" : " packets")
                + " dropped";
    }
}
