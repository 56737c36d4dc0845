package org.pkttables.api;

/**
 * One step of a traced packet (TRACE target), as {@code nft monitor trace} shows it: a rule it
 * matched, or the policy that decided.
 *
 * @param packet     a number identifying the traced packet (events of one packet share it)
 * @param rule       1-based position of the matched rule, 0 for a chain's policy, -1 for a step a hook
 *                   function took ({@link Ruleset#traceStep}: NAT's translation)
 * @param text       the rule in save form, or the policy verdict
 * @param mark       the packet mark after the step
 */
public record TraceEvent(long packet, Family family, Hook hook, String table, String chain, int rule, String text,
        int mark) {
    @Override
    public String toString() {
        return "trace id " + Long.toHexString(packet) + " " + family.id() + " " + table + " " + chain + " "
                + (rule == 0 ? "policy " + text : rule < 0 ? text : "rule " + rule + ": " + text)
                + (mark != 0 ? " (mark 0x" + Integer.toHexString(mark) + ")" : "") + " [" + hook + "]";
    }
}
