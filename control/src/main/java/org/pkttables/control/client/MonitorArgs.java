package org.pkttables.control.client;

import java.util.List;

/** The arguments of {@code monitor}, shared by the Gogo command and the control socket. */
public final class MonitorArgs {
    private MonitorArgs() {
    }

    /**
     * The number of events to print before returning: {@code --count N}, or unbounded.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static long count(List<String> args) {
        if (args.isEmpty()) {
            return Long.MAX_VALUE;
        }
        if (args.size() == 2 && (args.get(0).equals("--count") || args.get(0).equals("-c"))) {
            try {
                long n = Long.parseLong(args.get(1));
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--count needs a positive number, not '" + args.get(1) + "'", e);
            }
            throw new IllegalArgumentException("--count needs a positive number, not '" + args.get(1) + "'");
        }
        throw new IllegalArgumentException("unexpected arguments " + args + " (usage: monitor [--count N])");
    }
}
