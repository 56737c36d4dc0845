package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.RulesetException;

/**
 * The command part of an iptables command line ({@code -t}, {@code -A CHAIN}, {@code -L}, {@code -n} …),
 * with the remaining rule words left for {@link RuleParser}. Accepts long forms and combined short
 * flags ({@code -nvL}) as iptables' getopt does.
 */
final class IptablesCommand extends ChangeCommand {
    boolean numeric;
    boolean verbose;
    boolean exact;
    boolean lineNumbers;
    /** -L or -S given with -Z (either order): list, then zero what was listed, as iptables does. */
    boolean zero;

    static IptablesCommand parse(List<String> args) throws RulesetException {
        return parse(args, w -> 0);
    }

    /**
     * @param valueWords how many value words a rule option takes ({@code --name} of recent: 1), so a
     *                   value such as {@code -x} is not mistaken for a command flag, as getopt would not
     */
    static IptablesCommand parse(List<String> args, java.util.function.ToIntFunction<String> valueWords)
            throws RulesetException {
        IptablesCommand c = new IptablesCommand();
        List<String> in = expand(args);
        boolean tableSet = false;
        for (int i = 0; i < in.size(); i++) {
            String w = in.get(i);
            switch (w) {
                case "-t":
                case "--table":
                    if (tableSet) {
                        throw new RulesetException("multiple -t flags not allowed");
                    }
                    c.table = next(in, i, w);
                    tableSet = true;
                    i++;
                    break;
                case "-A": case "--append":
                case "-D": case "--delete":
                case "-I": case "--insert":
                case "-R": case "--replace":
                case "-C": case "--check":
                case "-N": case "--new-chain":
                case "-X": case "--delete-chain":
                case "-E": case "--rename-chain":
                case "-P": case "--policy":
                case "-F": case "--flush":
                case "-Z": case "--zero":
                case "-L": case "--list":
                case "-S": case "--list-rules":
                    i = c.command(in, i, w);
                    break;
                case "-n": case "--numeric":
                    c.numeric = true;
                    break;
                case "-v": case "--verbose":
                    c.verbose = true;
                    break;
                case "-x": case "--exact":
                    c.exact = true;
                    break;
                case "--line-numbers":
                    c.lineNumbers = true;
                    break;
                case "-w": case "--wait":
                    // There is no xtables lock to wait for; an optional seconds value is skipped.
                    if (i + 1 < in.size() && in.get(i + 1).matches("\\d+(\\.\\d+)?")) {
                        i++;
                    }
                    break;
                case "-W": case "--wait-interval":
                    i++;
                    break;
                case "-c": case "--set-counters":
                    if (i + 2 >= in.size()) {
                        throw new RulesetException("-c requires packet and byte counter");
                    }
                    c.setCounters = new long[] { count(in.get(i + 1)), count(in.get(i + 2)) };
                    i += 2;
                    break;
                case "-h": case "--help":
                    c.command = 'h';
                    break;
                case "-V": case "--version":
                    c.command = 'V';
                    break;
                default: {
                    c.ruleWords.add(w);
                    // Values of rule options are never commands even if they start with '-'.
                    int n = w.startsWith("-") ? valueWords.applyAsInt(w) : 0;
                    for (int k = 0; k < n && i + 1 < in.size(); k++) {
                        c.ruleWords.add(in.get(++i));
                    }
                    break;
                }
            }
        }
        if (c.command == 0) {
            throw new RulesetException("no command specified");
        }
        return c;
    }

    private static long count(String s) throws RulesetException {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new RulesetException("bad counter value \"" + s + "\"", e);
        }
    }

    private int command(List<String> in, int i, String w) throws RulesetException {
        char k = w.startsWith("--") ? longToShort(w) : w.charAt(1);
        boolean hasNext = i + 1 < in.size() && !in.get(i + 1).startsWith("-") && !"!".equals(in.get(i + 1));
        if (command != 0) {
            boolean listAndZero = !zero && ((command == 'L' || command == 'S') && k == 'Z'
                    || command == 'Z' && (k == 'L' || k == 'S'));
            if (!listAndZero) {
                throw new RulesetException("Cannot use -" + k + " with -" + command);
            }
            // -L/-S and -Z together (iptables' CMD_LIST|CMD_ZERO): each takes its optional chain; a rule number
            // belongs to the listing
            zero = true;
            command = k == 'Z' ? command : k;
            if (hasNext) {
                chain = in.get(++i); // the later chain word wins, as in 1.8.9
            }
            if (chain != null && position < 0 && i + 1 < in.size() && digits(in.get(i + 1))) {
                position = Integer.parseInt(in.get(++i));
            }
            if (position == 0) {
                throw new RulesetException("Invalid rule number `0'");
            }
            return i;
        }
        command = k;
        switch (k) {
            case 'A': case 'D': case 'I': case 'R': case 'C': case 'N': case 'P': case 'E':
                chain = next(in, i, w);
                i++;
                break;
            default:
                if (hasNext) {
                    chain = in.get(++i);
                }
                break;
        }
        boolean numberNext = i + 1 < in.size() && digits(in.get(i + 1));
        switch (k) {
            case 'I': case 'L': case 'S': case 'Z': case 'D':
                if (numberNext && chain != null) {
                    position = Integer.parseInt(in.get(++i));
                }
                break;
            case 'R':
                if (!numberNext) {
                    throw new RulesetException("-R requires a rule number");
                }
                position = Integer.parseInt(in.get(++i));
                break;
            case 'P': case 'E':
                arg2 = next(in, i, w);
                i++;
                break;
            default:
                break;
        }
        if (position == 0) {
            throw new RulesetException("Invalid rule number `0'");
        }
        return i;
    }

    /** Whether w is one or more ASCII digits (without a regex: restore asks this for every line). */
    private static boolean digits(String w) {
        if (w.isEmpty()) {
            return false;
        }
        for (int k = 0; k < w.length(); k++) {
            char ch = w.charAt(k);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    private static char longToShort(String w) {
        switch (w) {
            case "--append": return 'A';
            case "--delete": return 'D';
            case "--insert": return 'I';
            case "--replace": return 'R';
            case "--check": return 'C';
            case "--new-chain": return 'N';
            case "--delete-chain": return 'X';
            case "--rename-chain": return 'E';
            case "--policy": return 'P';
            case "--flush": return 'F';
            case "--zero": return 'Z';
            case "--list": return 'L';
            default: return 'S';
        }
    }

    private static String next(List<String> in, int i, String w) throws RulesetException {
        if (i + 1 >= in.size()) {
            throw new RulesetException("option \"" + w + "\" requires an argument");
        }
        return in.get(i + 1);
    }

    /** Splits {@code -nvL} into {@code -n -v -L}; only letters of flag-like short options combine. */
    private static List<String> expand(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (String a : args) {
            if (a.length() > 2 && a.charAt(0) == '-' && a.charAt(1) != '-' && a.substring(1).chars()
                    .allMatch(ch -> "nvxLSFZXh".indexOf(ch) >= 0)) {
                for (int k = 1; k < a.length(); k++) {
                    out.add("-" + a.charAt(k));
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
