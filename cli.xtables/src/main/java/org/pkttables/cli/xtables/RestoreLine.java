package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.RulesetException;
import org.pkttables.api.SaveQuoting;

/**
 * A line of a restore file ({@code iptables-restore}, {@code ebtables-restore} …) that says something,
 * with its number in the file: blank lines and comments are passed over, the rest as
 * {@link SaveQuoting#strip} leaves it.
 */
record RestoreLine(int number, String text) {
    /** The lines of {@code input} that say something, in order. */
    static List<RestoreLine> of(String input) {
        String[] raw = input.split("\n", -1);
        List<RestoreLine> lines = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            String line = SaveQuoting.strip(raw[i]);
            if (!line.isEmpty() && !line.startsWith("#")) {
                lines.add(new RestoreLine(i + 1, line));
            }
        }
        return lines;
    }

    /** How many lines {@code input} has (blank ones and comments too): the end of the file's number. */
    static int count(String input) {
        return input.split("\n", -1).length;
    }

    /** A rule line's {@code words} as a command line in {@code table}; a line naming a table itself is refused. */
    static List<String> inTable(String table, List<String> words) throws RulesetException {
        for (String w : words) {
            if (w.equals("-t") || w.equals("--table")) {
                throw new RulesetException("-t is not allowed in a restore file (the table is `" + table + "')");
            }
        }
        List<String> withTable = new ArrayList<>(List.of("-t", table));
        withTable.addAll(words);
        return withTable;
    }

    /** {@code e} as this line's failure, naming the line as the restore tools do. */
    RulesetException failed(Exception e) {
        return new RulesetException("line " + number + " failed: " + e.getMessage() + "\n  " + number + ": " + text,
                e);
    }
}
