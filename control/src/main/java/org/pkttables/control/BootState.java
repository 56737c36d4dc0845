package org.pkttables.control;

import java.util.ArrayList;
import java.util.List;

/**
 * What the boot loaded, and so whether the ports may open. {@link Outcome#LOADED}: the saved or configured
 * ruleset is in force. {@link Outcome#LAST_GOOD}: a saved file did not load, it was set aside and its last
 * good copy is in force instead (the ports open). {@link Outcome#CLOSED}: some ruleset could not be loaded
 * at all; the ports stay closed and nothing is saved over the state, until the operator fixes the file
 * and restarts. Shown by {@code status} (which then exits {@link #DEGRADED_EXIT}) and logged at start.
 */
final class BootState {
    /** {@code status} exits with this when the boot did not load the ruleset it was given. */
    static final int DEGRADED_EXIT = 3;

    /** Worst first: a later, milder problem never hides an earlier, worse one. */
    enum Outcome {
        LOADED, LAST_GOOD, CLOSED
    }

    private final String source;
    private Outcome outcome = Outcome.LOADED;
    private final List<String> reasons = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** @param source what was loaded ({@code state DIR}, {@code config FILE}), for the status line */
    BootState(String source) {
        this.source = source;
    }

    synchronized void closed(String reason) {
        outcome = Outcome.CLOSED;
        reasons.add(reason);
    }

    synchronized void lastGood(String reason) {
        if (outcome == Outcome.LOADED) {
            outcome = Outcome.LAST_GOOD;
        }
        reasons.add(reason);
    }

    synchronized void warning(String text) {
        warnings.add(text);
    }

    synchronized Outcome outcome() {
        return outcome;
    }

    /** True when the ports may open: the ruleset in force is one that was saved or configured whole. */
    synchronized boolean portsMayOpen() {
        return outcome != Outcome.CLOSED;
    }

    synchronized List<String> reasons() {
        return List.copyOf(reasons);
    }

    /** The {@code status} lines: one headline, then one line per reason and warning. */
    synchronized String describe() {
        StringBuilder sb = new StringBuilder("boot: ");
        switch (outcome) {
            case LOADED:
                sb.append("ok, loaded ").append(source);
                break;
            case LAST_GOOD:
                sb.append("DEGRADED, ").append(source).append(" did not load whole; the last good copy is in force");
                break;
            default:
                sb.append("FAILED CLOSED, ").append(source).append(" could not be loaded: ports stay closed and ")
                        .append("nothing is saved; fix the file and restart");
                break;
        }
        sb.append('\n');
        for (String r : reasons) {
            sb.append("boot: ").append(r).append('\n');
        }
        for (String w : warnings) {
            sb.append("boot: warning: ").append(w).append('\n');
        }
        return sb.toString();
    }
}
