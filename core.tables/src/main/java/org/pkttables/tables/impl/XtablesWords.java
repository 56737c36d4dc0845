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

    /**
     * The same option twice in one extension (no XTOPT_MULTI), the second time {@code written} so (an alias is
     * named as written, as 1.8.9 does); tcp still parses its options by hand in 1.8.9 and says it its own way
     * (two spaces before "allowed" included).
     */
    static String onlyOnce(String ext, String option, String written) {
        String own = OWN_ONLY_ONCE.get(ext + " " + option);
        return own != null ? own : ext + ": option \"" + written + "\" can only be used once.\n";
    }

    /** libxt_tcp's words for --syn and --tcp-flags together or either twice. */
    static final String TCP_FLAGS_ONCE = "Only one of `--syn' or `--tcp-flags'  allowed";

    private static final java.util.Map<String, String> OWN_ONLY_ONCE = java.util.Map.of(
            "tcp --sport", "Only one `--source-port' allowed", "tcp --dport", "Only one `--destination-port' allowed",
            "tcp --tcp-flags", TCP_FLAGS_ONCE, "tcp --syn", TCP_FLAGS_ONCE,
            "tcp --tcp-option", "Only one `--tcp-option' allowed");

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
