package org.pkttables.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.RulesetEvent;

/**
 * Turns the events of one journaled commit back into {@code *-restore} input that redoes it on the state
 * it was made on: {@code -I CHAIN POS RULE} for an added rule, {@code -D CHAIN POS}, {@code -R CHAIN POS
 * RULE}, {@code -N}, {@code -X}, {@code -E}, {@code -P}, {@code -F}, and a table reset as a {@code *TABLE}
 * section restored without {@code --noflush}. The rule text is the save form the core put in the event,
 * the same text {@code iptables-save} writes, so it parses as the saved state does.
 *
 * <p>Only the IPv4 and IPv6 families are journaled (their restore takes every one of these lines); a
 * commit with a change of another family, or of a kind not listed, is not journaled and makes the next
 * acknowledgement wait for a full checkpoint instead, as before the journal.
 */
final class JournalRedo {
    /** One restore run: {@code reset} restores without {@code --noflush} (the table starts empty). */
    record Step(Family family, boolean reset, String text) {
    }

    private JournalRedo() {
    }

    /** Whether the event changes nothing that is saved (counters, extension (un)binding). */
    static boolean unsaved(RulesetEvent e) {
        return switch (e.type()) {
            case ZERO, RULE_UNBOUND, RULE_REBOUND -> true;
            default -> false;
        };
    }

    /** Whether the journal can redo the event. */
    static boolean journalable(RulesetEvent e) {
        if (e.family() != Family.IPV4 && e.family() != Family.IPV6) {
            return false;
        }
        return switch (e.type()) {
            case RULE_ADDED, RULE_REPLACED -> e.chain() != null && e.position() > 0 && e.detail() != null
                    && e.detail().indexOf('\n') < 0;
            case RULE_DELETED -> e.chain() != null && e.position() > 0;
            case CHAIN_ADDED, CHAIN_DELETED -> e.chain() != null;
            case CHAIN_RENAMED, POLICY -> e.chain() != null && e.detail() != null;
            case FLUSH -> e.chain() != null || e.detail() == null || e.detail().equals("table reset");
            default -> false;
        };
    }

    /** The restore runs that redo {@code events} (one commit, journalable events only), in order. */
    static List<Step> steps(List<RulesetEvent> events) {
        // Per family and table, in order; a table reset starts a new (non-noflush) section.
        List<Step> out = new ArrayList<>();
        Map<String, StringBuilder> noflush = new LinkedHashMap<>();
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, StringBuilder> reset = new LinkedHashMap<>();
        List<Object[]> order = new ArrayList<>();
        for (RulesetEvent e : events) {
            String key = e.family().id() + "/" + e.table();
            families.put(key, e.family());
            if (e.type() == RulesetEvent.Type.FLUSH && e.chain() == null && "table reset".equals(e.detail())) {
                StringBuilder sb = new StringBuilder("*").append(e.table()).append('\n');
                reset.put(key, sb);
                order.add(new Object[] {e.family(), Boolean.TRUE, sb});
                continue;
            }
            StringBuilder sb = reset.get(key);
            if (sb == null) {
                sb = noflush.get(key);
                if (sb == null) {
                    sb = new StringBuilder("*").append(e.table()).append('\n');
                    noflush.put(key, sb);
                    order.add(new Object[] {e.family(), Boolean.FALSE, sb});
                }
            }
            sb.append(line(e)).append('\n');
        }
        for (Object[] o : order) {
            StringBuilder sb = (StringBuilder) o[2];
            out.add(new Step((Family) o[0], (Boolean) o[1], sb + "COMMIT\n"));
        }
        return out;
    }

    static String line(RulesetEvent e) {
        String c = e.chain();
        return switch (e.type()) {
            case RULE_ADDED -> "-I " + c + " " + e.position() + (e.detail().isEmpty() ? "" : " " + e.detail());
            case RULE_REPLACED -> "-R " + c + " " + e.position() + (e.detail().isEmpty() ? "" : " " + e.detail());
            case RULE_DELETED -> "-D " + c + " " + e.position();
            case CHAIN_ADDED -> "-N " + c;
            case CHAIN_DELETED -> "-X " + c;
            case CHAIN_RENAMED -> "-E " + c + " " + e.detail();
            case POLICY -> "-P " + c + " " + e.detail();
            case FLUSH -> c == null ? "-F" : "-F " + c;
            default -> throw new IllegalArgumentException("not journalable: " + e);
        };
    }
}
