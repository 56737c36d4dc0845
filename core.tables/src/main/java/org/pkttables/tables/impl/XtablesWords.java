package org.pkttables.tables.impl;

/**
 * iptables 1.8.9's words for the refusals its generic option parsing makes (libxtables' xtables_option_parse and
 * xtables_options_fcheck for an extension's options, getopt and the command parser for the rest), which the
 * engine derives from a descriptor alone: an option given twice, inverted though it cannot be, left out though
 * mandatory, without its argument. A trailing newline is 1.8.9's own (it prints a blank line after those).
 * Extension names are as iptables spells them ({@code connlimit}, {@code DNAT}); options as written
 * ({@code --to-source}).
 */
final class XtablesWords {
    private XtablesWords() {
    }

    /** The same option twice in one extension (no XTOPT_MULTI). */
    static String onlyOnce(String ext, String option) {
        return ext + ": option \"" + option + "\" can only be used once.\n";
    }

    /** {@code !} before an option without XTOPT_INVERT. */
    static String notInvertible(String ext, String option) {
        return ext + ": option \"" + option + "\" cannot be inverted.\n";
    }

    /** An XTOPT_MAND option not given. */
    static String mandatory(String ext, String option) {
        return ext + ": option \"" + option + "\" must be specified\n";
    }

    /** Two options whose entries exclude each other, {@code option} the first in the extension's table. */
    static String exclusive(String ext, String option, String other) {
        return ext + ": option \"" + option + "\" cannot be used together with \"" + other + "\".\n";
    }

    /** An option given without one its entry needs ({@code .also}). */
    static String alsoRequires(String ext, String option, String other) {
        return ext + ": option \"" + option + "\" also requires \"" + other + "\".\n";
    }

    /** An option that takes a value, last on the line (getopt's missing argument). */
    static String missingArgument(String option) {
        return "option \"" + option + "\" requires an argument";
    }

    /** An option no loaded extension knows (getopt). */
    static String unknownOption(String option) {
        return "unknown option \"" + option + "\"";
    }

    /** {@code ! !}. */
    static String multipleInversion() {
        return "multiple consecutive ! not allowed";
    }

    /** {@code !} last on the line. */
    static String nothingAfterInversion() {
        return "nothing appropriate following !";
    }
}
