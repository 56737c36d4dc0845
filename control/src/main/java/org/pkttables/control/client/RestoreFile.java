package org.pkttables.control.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code *-restore FILE} convention of every pkttables front end (Gogo shell, ctl, batch, config):
 * the real tools read FILE or standard input; the core only takes the text, so the front end reads
 * FILE itself (on its side of the socket) and passes the remaining options on unchanged.
 *
 * @param options the arguments without the file name
 * @param file    the file name as given, or null when the command reads standard input
 */
public record RestoreFile(List<String> options, String file) {
    /** iptables-restore options whose value is the next word ({@code -T filter}). */
    private static final Set<String> TAKES_VALUE = Set.of("-T", "--table", "-M", "--modprobe", "-W",
            "--wait-interval");

    public RestoreFile {
        options = List.copyOf(options);
    }

    /** True for the commands that read a ruleset: {@code iptables-restore}, {@code ip6tables-restore} … */
    public static boolean isRestore(String command) {
        return command.endsWith("-restore");
    }

    /**
     * Finds the file argument of a restore command: the first word that is neither an option nor the
     * value of one.
     *
     * @throws IllegalArgumentException when more than one file is named
     */
    public static RestoreFile split(List<String> args) {
        List<String> opts = new ArrayList<>();
        String file = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (TAKES_VALUE.contains(a)) {
                opts.add(a);
                if (i + 1 < args.size()) {
                    opts.add(args.get(++i));
                }
            } else if (a.startsWith("-") && !a.equals("-")) {
                opts.add(a);
            } else if (file == null) {
                file = a;
            } else {
                throw new IllegalArgumentException("more than one input file: " + file + " and " + a);
            }
        }
        return new RestoreFile(opts, "-".equals(file) ? null : file);
    }
}
