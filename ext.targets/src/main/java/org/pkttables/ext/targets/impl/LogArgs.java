package org.pkttables.ext.targets.impl;

import java.util.List;

/**
 * The arguments of {@code log [-f] [--prefix P] [--json] [--count N]}.
 *
 * @param follow follow the ring for new lines ({@code -f}) instead of printing those it holds
 * @param prefix only lines whose log prefix starts with this ("" for every line)
 * @param json   one JSON object per line
 * @param count  with {@code -f} stop after this many lines; without, print the last this many
 */
record LogArgs(boolean follow, String prefix, boolean json, long count) {
    static final String USAGE = "usage: log [-f] [--prefix P] [--json] [--count N]";

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    static LogArgs parse(List<String> args) {
        boolean follow = false;
        boolean json = false;
        String prefix = "";
        long count = Long.MAX_VALUE;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-f":
                case "--follow":
                    follow = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--prefix":
                    prefix = value(args, ++i, a);
                    break;
                case "--count":
                case "-n":
                    String n = value(args, ++i, a);
                    try {
                        count = Long.parseLong(n);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(a + " needs a positive number, not `" + n + "'", e);
                    }
                    if (count <= 0) {
                        throw new IllegalArgumentException(a + " needs a positive number, not `" + n + "'");
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unexpected argument `" + a + "' (" + USAGE + ")");
            }
        }
        return new LogArgs(follow, prefix, json, count);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value (" + USAGE + ")");
        }
        return args.get(i);
    }
}
