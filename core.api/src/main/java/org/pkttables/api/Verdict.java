package org.pkttables.api;

/**
 * Verdicts as plain ints so the hot path never allocates. Negative values are control flow inside
 * the core; only {@link #ACCEPT}, {@link #DROP}, {@link #QUEUE} and {@link #STOLEN} leave a hook.
 */
public final class Verdict {
    public static final int DROP = 0;
    public static final int ACCEPT = 1;
    public static final int STOLEN = 2;
    public static final int QUEUE = 3;
    /** Go on with the next rule (non-terminating targets such as LOG or MARK). */
    public static final int CONTINUE = -1;
    /** Return to the calling chain. */
    public static final int RETURN = -2;

    private Verdict() {
    }

    public static String name(int v) {
        switch (v) {
            case DROP: return "DROP";
            case ACCEPT: return "ACCEPT";
            case STOLEN: return "STOLEN";
            case QUEUE: return "QUEUE";
            case CONTINUE: return "CONTINUE";
            case RETURN: return "RETURN";
            default: return "VERDICT(" + v + ")";
        }
    }

    public static int of(String name) {
        switch (name) {
            case "DROP": return DROP;
            case "ACCEPT": return ACCEPT;
            case "QUEUE": return QUEUE;
            case "RETURN": return RETURN;
            default: throw new IllegalArgumentException("unknown verdict '" + name + "'");
        }
    }
}
