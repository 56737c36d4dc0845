package org.pkttables.cli.xtables;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.SaveQuoting;
import org.pkttables.api.TableInfo;
import org.pkttables.api.Transaction;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.tables.engine.ResourceLimitException;
import org.pkttables.tables.engine.RulesetTools;

/**
 * {@code iptables}, {@code ip6tables}, {@code arptables} and their {@code -save}/{@code -restore}, plus
 * {@code ebtables}, {@code ext}, {@code explain} and {@code trace}: the whole command line, generated from
 * the descriptors in the registry, over the engine's exported API only.
 */
public final class IptablesFrontend implements CommandFrontend {
    static final String VERSION = "pkttables 0.1.0";
    private static final List<Family> TOOLS = List.of(Family.IPV4, Family.IPV6, Family.ARP);
    /** The verdicts {@code -j} takes besides target extensions and chains. */
    private static final java.util.Set<String> JUMP_VERDICTS = java.util.Set.of("ACCEPT", "DROP", "RETURN", "QUEUE");

    private final Ruleset ruleset;
    private final RuleParser parser;
    private final ExtCommand ext;
    private final ExplainCommand explain;
    private final TraceCommand trace;
    private final EbtablesFrontend ebtables;
    private final RulesetTools tools;
    private final RulesetJson json;
    private final RulesetJsonRestore jsonRestore;
    /** The system's port, protocol, host and network names that {@code -L} prints without {@code -n}. */
    private final SystemNames names = SystemNames.system();
    private final java.util.Map<String, org.pkttables.api.CommandExtension> extra =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    /** The command line over an engine's ruleset, its registry and what the tools need beyond them. */
    public IptablesFrontend(Ruleset ruleset, ExtensionRegistry registry, RulesetTools tools) {
        this.ruleset = ruleset;
        this.tools = tools;
        this.parser = new RuleParser(new Extensions(registry, tools));
        this.ext = new ExtCommand(registry);
        this.explain = new ExplainCommand(ruleset, tools);
        this.trace = new TraceCommand(tools);
        this.json = new RulesetJson(ruleset, tools, registry);
        this.ebtables = new EbtablesFrontend(ruleset, tools, parser, json);
        this.jsonRestore = new RulesetJsonRestore(ruleset, tools);
    }

    @Override
    public List<String> commands() {
        List<String> c = new ArrayList<>();
        for (Family f : TOOLS) {
            c.add(f.tool());
            c.add(f.tool() + "-save");
            c.add(f.tool() + "-restore");
        }
        c.addAll(EbtablesFrontend.commands());
        c.add("ext");
        c.add("explain");
        c.add("trace");
        c.add("ruleset-save");
        c.add("ruleset-restore");
        c.addAll(extra.keySet());
        return c;
    }

    /** Adds a command of another bundle ({@code ipset}, {@code conntrack} ...) under its name. */
    public void addCommand(org.pkttables.api.CommandExtension c) {
        extra.put(c.name(), c);
    }

    public void removeCommand(org.pkttables.api.CommandExtension c) {
        extra.remove(c.name(), c);
    }

    @Override
    public Result run(String command, List<String> args, String stdin) {
        return run(command, args, stdin, org.pkttables.api.CallerFiles.local());
    }

    @Override
    public Result run(String command, List<String> args, String stdin, org.pkttables.api.CallerFiles files) {
        try {
            if ("ext".equals(command)) {
                return ext.run(args);
            }
            if ("explain".equals(command)) {
                return explain.run(args);
            }
            if ("trace".equals(command)) {
                return trace.run(args);
            }
            if ("ruleset-restore".equals(command)) {
                return new Result(0, jsonRestore.run(args, stdin == null ? "" : stdin), "");
            }
            if ("ruleset-save".equals(command)) {
                return rulesetSave(args);
            }
            for (Family f : TOOLS) {
                if (command.equals(f.tool())) {
                    return tool(f, args);
                }
                if (command.equals(f.tool() + "-save")) {
                    return save(f, args);
                }
                if (command.equals(f.tool() + "-restore")) {
                    return restore(f, args, stdin == null ? "" : stdin);
                }
            }
            Result eb = ebtables.run(command, args, stdin);
            if (eb != null) {
                return eb;
            }
            org.pkttables.api.CommandExtension x = extra.get(command);
            if (x != null) {
                return x.run(args, stdin, files);
            }
            return new Result(127, "", command + ": unknown command (known: " + String.join(" ", commands()) + ")\n");
        } catch (RulesetException e) {
            // iptables' exit codes: 2 for usage, 4 for what the kernel refuses (RESOURCE_PROBLEM), else 1.
            int exit = e instanceof ToolError t ? t.exit : e instanceof UsageException ? 2
                    : e instanceof ResourceLimitException ? 4 : 1;
            String text = e instanceof ToolError || e instanceof UsageException u && u.whole ? e.getMessage()
                    : command + ": " + e.getMessage();
            return new Result(exit, "", text + "\n");
        }
    }

    /** Bad command-line usage (iptables exits 2 for it). */
    static final class UsageException extends RulesetException {
        private static final long serialVersionUID = 1L;
        /** The message is the whole text, not to be prefixed with the command's name. */
        final boolean whole;

        UsageException(String message, Throwable cause) {
            this(message, cause, false);
        }

        UsageException(String message, Throwable cause, boolean whole) {
            super(message, cause);
            this.whole = whole;
        }

        /**
         * iptables 1.8.9's words for a bad command line (its xtables_error(PARAMETER_PROBLEM)):
         * {@code iptables v1.8.9 (nf_tables): MESSAGE} and where to find help; MESSAGE is 1.8.9's own words for a
         * rule the engine refused when it knows them ({@link RuleRefusedException#toolWords()}).
         */
        static UsageException of(Family f, RulesetException e) {
            return new UsageException(NftRefusal.problem(f.tool(), e) + "\nTry `" + f.tool()
                    + " -h' or '" + f.tool() + " --help' for more information.", e, true);
        }
    }

    private Result tool(Family f, List<String> args) throws RulesetException {
        try {
            return command(f, args);
        } catch (UsageException e) {
            throw e.whole ? e : UsageException.of(f, e); // iptables v1.8.9 (nf_tables): ..., Try `iptables -h' ...
        } catch (ToolError e) {
            throw e;
        } catch (RulesetException e) {
            throw NftRefusal.ofTable(f, e); // a table it does not know, in iptables' words
        }
    }

    private Result command(Family f, List<String> args) throws RulesetException {
        IptablesCommand c;
        try {
            c = IptablesCommand.parse(f == Family.ARP ? arpInversions(args) : args, this::valueWords);
        } catch (RulesetException e) {
            throw UsageException.of(f, e);
        }
        StringBuilder out = new StringBuilder();
        switch (c.command) {
            case 'h':
                out.append(help(f));
                return new Result(0, out.toString(), "");
            case 'V':
                return new Result(0, f.tool() + " (" + VERSION + ")\n", "");
            case 'L':
            case 'S': {
                boolean asJson = c.ruleWords.remove("--json");
                noRule(c);
                long generation = ruleset.generation();
                TableInfo t = ruleset.table(f, c.table);
                if (c.chain != null && t.chain(c.chain) == null) {
                    throw NftRefusal.noChainToList(f, c);
                }
                if (c.position > 0 && t.chain(c.chain).rules().size() < c.position) {
                    return new Result(0, "", ""); // as 1.8.9: no such rule, nothing listed
                }
                if (asJson) {
                    out.append(json.list(t, generation, c.chain, c.position));
                } else if (c.command == 'S') {
                    Listing.rules(out, t, c.chain, c.position, c.verbose);
                } else {
                    Listing.list(out, t, c.chain, c.position,
                            new Listing.ListFormat(c.verbose, c.numeric, c.exact, c.lineNumbers),
                            new Listing.Lister(parser.extensions(), names, name -> protocolNumber(f, name)));
                }
                if (c.zero) {
                    // -L -Z / -S -Z: then the chain listed (or the table) is zeroed, whole, as 1.8.9 does (what
                    // is counted in between is lost, as with the kernel)
                    c.command = 'Z';
                    c.position = -1;
                    try (Transaction tx = ruleset.begin()) {
                        c.apply(f, tx, false, commandLine(f));
                        tx.commit();
                    } catch (RulesetException e) {
                        throw NftRefusal.of(f, c, e);
                    }
                    if (c.verbose) {
                        zeroed(out, t, c.chain);
                    }
                }
                return new Result(0, out.toString(), "");
            }
            case 'C': {
                RuleSpec spec = commandLine(f).rule(c, false);
                boolean found;
                try {
                    found = ruleset.contains(f, c.table, c.chain, spec);
                } catch (UsageException | ResourceLimitException e) {
                    throw e;
                } catch (RulesetException e) {
                    throw NftRefusal.of(f, c, e); // no such chain: no such rule either
                }
                return found ? new Result(0, "", "")
                        : new Result(1, "", f.tool() + ": Bad rule (does a matching rule exist in that chain?).\n");
            }
            default:
                try (Transaction tx = ruleset.begin()) {
                    c.apply(f, tx, false, commandLine(f));
                    tx.commit();
                } catch (UsageException e) {
                    throw e;
                } catch (RulesetException e) {
                    if (NftRefusal.notRefused(c, e)) {
                        return new Result(0, "", "");
                    }
                    throw NftRefusal.of(f, c, e); // what the kernel refuses, in iptables' words
                }
                if (c.command == 'Z' && c.verbose && c.position <= 0) {
                    zeroed(out, ruleset.table(f, c.table), c.chain); // as 1.8.9 (nf_tables) says it
                }
                return new Result(0, out.toString(), "");
        }
    }

    /** {@code Zeroing chain `NAME'} for each chain zeroed with -v: {@code chain}, else every chain of the table. */
    private static void zeroed(StringBuilder out, TableInfo t, String chain) {
        for (ChainInfo ch : t.chains()) {
            if (chain == null || ch.name().equals(chain)) {
                out.append("Zeroing chain `").append(ch.name()).append("'\n");
            }
        }
    }

    /**
     * arptables also takes the old "OPTION ! VALUE" form ({@code -s ! 10.0.0.1}); the core reads "! OPTION VALUE".
     */
    static List<String> arpInversions(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.startsWith("-") && !w.equals("-j") && !w.equals("--jump") && i + 2 < args.size()
                    && "!".equals(args.get(i + 1)) && !args.get(i + 2).startsWith("-")) {
                out.add("!");
                out.add(w);
                i++;
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /** Value words of a rule option, from whichever loaded descriptor knows it (0 if none). */
    private int valueWords(String option) {
        return tools.optionArity(option);
    }

    private int protocolNumber(Family f, String name) {
        org.pkttables.api.ext.L3Handler h = tools.handler(f);
        int n = h == null ? -1 : h.protocolNumber(name);
        if (n >= 0) {
            return n;
        }
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Words after a command that takes no rule, in 1.8.9's words: a rule option ({@code -F INPUT -p tcp}) is
     * "Illegal option `-p' with this command"; a stray word is the rule number of -L, -S and -Z when they
     * have none yet ("Invalid rule number `x'"), else "Bad argument `x'".
     */
    private static void noRule(ChangeCommand c) throws RulesetException {
        if (c.ruleWords.isEmpty()) {
            return;
        }
        String w = c.ruleWords.get(0);
        String option = "!".equals(w) && c.ruleWords.size() > 1 ? c.ruleWords.get(1) : w;
        String letter = RULE_OPTION_LETTERS.get(option);
        if (letter != null) {
            throw new UsageException("Illegal option `-" + letter + "' with this command", null);
        }
        if ((c.command == 'L' || c.command == 'S' || c.command == 'Z') && c.chain != null && c.position < 0
                && !w.startsWith("-")) {
            throw new UsageException("Invalid rule number `" + w + "'", null);
        }
        throw new UsageException(NftRefusal.BAD_ARGUMENT + w + "'", null);
    }

    /** The rule options iptables checks against the command (its generic option table), by both spellings. */
    private static final java.util.Map<String, String> RULE_OPTION_LETTERS = java.util.Map.ofEntries(
            java.util.Map.entry("-s", "s"), java.util.Map.entry("--source", "s"), java.util.Map.entry("--src", "s"),
            java.util.Map.entry("-d", "d"), java.util.Map.entry("--destination", "d"), java.util.Map.entry("--dst", "d"),
            java.util.Map.entry("-p", "p"), java.util.Map.entry("--protocol", "p"), java.util.Map.entry("-j", "j"),
            java.util.Map.entry("--jump", "j"), java.util.Map.entry("-i", "i"), java.util.Map.entry("--in-interface", "i"),
            java.util.Map.entry("-o", "o"), java.util.Map.entry("--out-interface", "o"), java.util.Map.entry("-f", "f"),
            java.util.Map.entry("--fragment", "f"));

    /**
     * The dialect of a restore file's line: a rule whose words the parser refuses is 1.8.9's parameter
     * problem of that line ({@link NftRefusal#ofRestoredWords}); what the engine refuses as it compiles the
     * rule (at the change) is reported by the restore's caller.
     */
    private ChangeCommand.Dialect restoreRules(Family f, RestoreLine line) {
        return new ParameterProblemDialect(dialect(f), e -> NftRefusal.ofRestoredWords(f, line, e), (c, spec) -> { });
    }

    /**
     * The dialect of a command line: a rule that does not parse (unknown option, match or target, a bad
     * value) is bad usage there (exit 2, iptables' words), while a restore names the line instead.
     */
    private ChangeCommand.Dialect commandLine(Family f) {
        return new ParameterProblemDialect(dialect(f), e -> UsageException.of(f, e),
                (c, spec) -> checkJump(f, c.table, spec));
    }

    /**
     * iptables resolves {@code -j NAME} / {@code -g NAME} as it parses the command line: a verdict, a target
     * extension, else a chain of the table, else "Chain 'NAME' does not exist", a parameter problem (exit 2)
     * before anything else is looked at (the rule's own chain included).
     */
    private void checkJump(Family f, String table, RuleSpec spec) throws RulesetException {
        RuleSpec.Call t = spec.target();
        if (t == null) {
            return;
        }
        String name = t.name();
        if (!spec.gotoChain() && (JUMP_VERDICTS.contains(name) || parser.extensions().target(f, name) != null)) {
            return;
        }
        if (ruleset.table(f, table).chain(name) == null) {
            throw new RulesetException("Chain '" + name + "' does not exist");
        }
    }

    /** iptables' words for the commands it shares with ebtables ({@link ChangeCommand#apply}). */
    private ChangeCommand.Dialect dialect(Family f) {
        return new ChangeCommand.Dialect() {
            @Override
            public RuleSpec rule(ChangeCommand c, boolean lenient) throws RulesetException {
                return parser.parse(f, c.ruleWords, lenient);
            }

            @Override
            public void policy(Transaction tx, ChangeCommand c) throws RulesetException {
                int v;
                try {
                    v = Verdict.of(c.arg2);
                } catch (IllegalArgumentException e) {
                    throw new RulesetException("bad policy name `" + c.arg2 + "'", e);
                }
                tx.policy(f, c.table, c.chain, v);
                if (c.setCounters != null) {
                    tx.policyCounters(f, c.table, c.chain, c.setCounters[0], c.setCounters[1]);
                }
            }

            @Override
            public void noRule(ChangeCommand c) throws RulesetException {
                IptablesFrontend.noRule(c);
            }
        };
    }

    // ---- save / restore ----

    /** The options of every tool's {@code -save}: {@code -c} (counters) and {@code -t TABLE} (only that one). */
    record SaveOptions(boolean counters, String only) {
        static SaveOptions parse(String tool, List<String> args) throws RulesetException {
            boolean counters = false;
            String only = null;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("-c") || a.equals("--counters")) {
                    counters = true;
                } else if ((a.equals("-t") || a.equals("--table")) && i + 1 < args.size()) {
                    only = args.get(++i);
                } else {
                    throw new UsageException("unknown argument `" + a + "' (usage: " + tool
                            + "-save [-c] [-t table])", null);
                }
            }
            return new SaveOptions(counters, only);
        }

        /**
         * The time in the save's {@code # Generated by} and {@code # Completed on} lines, as C's ctime()
         * writes it for iptables-save: the day of the month padded to two places with a space.
         */
        static String now() {
            return now(ZonedDateTime.now());
        }

        static String now(ZonedDateTime t) {
            return t.format(DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT));
        }
    }

    private Result save(Family f, List<String> args) throws RulesetException {
        List<String> rest = new ArrayList<>(args);
        boolean asJson = rest.remove("--json");
        SaveOptions o = SaveOptions.parse(f.tool(), rest);
        boolean counters = o.counters();
        String only = o.only();
        if (asJson) {
            // The JSON form always carries the counters; -c is accepted for symmetry with the text form.
            return new Result(0, json.save(List.of(f), only), "");
        }
        StringBuilder out = new StringBuilder();
        String now = SaveOptions.now();
        List<String> tables = only != null ? List.of(only) : tools.usedTables(f);
        for (String t : tables) {
            TableInfo ti = ruleset.table(f, t);
            out.append("# Generated by ").append(f.tool()).append("-save (").append(VERSION).append(") on ")
                    .append(now).append('\n');
            Listing.save(out, ti, counters, f == Family.ARP);
            out.append("# Completed on ").append(now).append('\n');
        }
        return new Result(0, out.toString(), "");
    }

    /** {@code ruleset-save --json}: every family's used tables in one document ({@code nft -j list ruleset}). */
    private Result rulesetSave(List<String> args) throws RulesetException {
        if (!args.equals(List.of("--json"))) {
            throw new UsageException("usage: ruleset-save --json (the text form is per family: iptables-save ...)", null);
        }
        List<Family> loaded = new ArrayList<>();
        for (Family f : Family.values()) {
            if (tools.handler(f) != null) {
                loaded.add(f);
            }
        }
        return new Result(0, json.save(loaded, null), "");
    }

    private Result restore(Family f, List<String> args, String input) throws RulesetException {
        boolean noflush = false;
        boolean counters = false;
        boolean test = false;
        boolean lenient = false;
        String onlyTable = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-n": case "--noflush": noflush = true; break;
                case "-c": case "--counters": counters = true; break;
                case "-t": case "--test": test = true; break;
                case "-v": case "--verbose": case "-w": case "--wait": break;
                case "-T": case "--table":
                    if (i + 1 >= args.size()) {
                        throw new UsageException("-T requires a table name", null);
                    }
                    onlyTable = args.get(++i);
                    break;
                case "--fail-closed-missing":
                    // pkttables: keep rules whose extension is not loaded yet (state restore at start).
                    lenient = true;
                    break;
                default:
                    throw new UsageException("unknown argument `" + a + "' (usage: " + f.tool()
                            + "-restore [-n] [-c] [-t] [-T table] < file)", null);
            }
        }
        Transaction tx = lenient ? tools.beginFailClosed() : ruleset.begin();
        try {
            String table = null;
            for (RestoreLine restoreLine : RestoreLine.of(input)) {
                String line = restoreLine.text();
                IptablesCommand c = null;
                try {
                    if (line.startsWith("*")) {
                        if (table != null) { // a table still open (no COMMIT yet): 1.8.9's parameter problem
                            throw new UsageException(NftRefusal.BAD_ARGUMENT + line + "'", null);
                        }
                        table = line.substring(1).strip();
                        if (!ruleset.tables(f).contains(table)) {
                            throw new RulesetException("table `" + table + "' does not exist (valid: "
                                    + String.join(", ", ruleset.tables(f)) + ")");
                        }
                        if (!noflush && skip(onlyTable, table) == false) {
                            tx.resetTable(f, table);
                        }
                        continue;
                    }
                    if (table == null) {
                        throw new RulesetException("no table specified (a `*table' line must come first)");
                    }
                    if (line.equals("COMMIT")) {
                        table = null;
                        continue;
                    }
                    if (skip(onlyTable, table)) {
                        continue;
                    }
                    if (line.startsWith(":")) {
                        chainLine(f, tx, table, line, noflush, counters);
                        continue;
                    }
                    List<String> words = SaveQuoting.split(line);
                    if (words.get(0).startsWith("[")) {
                        long[] pc = bracketCounters(words.get(0));
                        words = words.subList(1, words.size());
                        List<String> w2 = new ArrayList<>(words);
                        if (counters) {
                            w2.add("-c");
                            w2.add(Long.toString(pc[0]));
                            w2.add(Long.toString(pc[1]));
                        }
                        words = w2;
                    }
                    List<String> lineWords = RestoreLine.inTable(table, words);
                    try {
                        c = IptablesCommand.parse(lineWords, this::valueWords);
                    } catch (RulesetException e) {
                        throw NftRefusal.ofRestoredWords(f, restoreLine, e);
                    }
                    if (c.command == 'L' || c.command == 'S' || c.command == 'C' || c.command == 'h'
                            || c.command == 'V') {
                        throw new RulesetException("command -" + c.command + " is not allowed in a restore file");
                    }
                    c.apply(f, tx, lenient, restoreRules(f, restoreLine));
                } catch (UsageException e) {
                    // 1.8.9's words already (whole), else a usage problem of this line: named as 1.8.9 names it
                    throw e.whole ? e : NftRefusal.ofRestoredWords(f, restoreLine, e);
                } catch (RulesetException | IllegalArgumentException e) {
                    RulesetException rule = NftRefusal.ofRestoredRule(f, restoreLine, c, e);
                    throw rule != null ? rule : restoreLine.failed(e);
                }
            }
            // arptables-save 1.8.9 writes no COMMIT, and its restore takes the end of input as one. (1.8.9's words:
            // the line after the last line read, whatever table was open)
            if (table != null && f != Family.ARP) {
                throw new RulesetException("COMMIT expected at line "
                        + (RestoreLine.count(input) + (input.endsWith("\n") ? 0 : 1)));
            }
            if (!test) {
                tx.commit();
            }
        } finally {
            tx.close();
        }
        return new Result(0, "", "");
    }

    private static boolean skip(String onlyTable, String table) {
        return onlyTable != null && !onlyTable.equals(table);
    }

    private void chainLine(Family f, Transaction tx, String table, String line, boolean noflush, boolean counters)
            throws RulesetException {
        String[] parts = line.substring(1).trim().split("\\s+");
        String chain = parts[0];
        String policy = parts.length > 1 ? parts[1] : "-";
        // Ask the batch, not a listing of the live table: a restore of many chains must stay linear.
        if (tools.isBuiltin(tx, f, table, chain)) {
            if (policy.equals("-")) {
                throw new RulesetException("built-in chain `" + chain + "' needs a policy");
            }
            int v;
            try {
                v = Verdict.of(policy);
            } catch (IllegalArgumentException e) {
                throw new RulesetException("bad policy name `" + policy + "'", e);
            }
            tx.policy(f, table, chain, v);
            if (counters && parts.length > 2) {
                long[] pc = bracketCounters(parts[2]);
                tx.policyCounters(f, table, chain, pc[0], pc[1]);
            }
        } else {
            // arptables-restore 1.8.9 creates the chain and ignores the policy (:FORWARD ACCEPT, a save of arptables-legacy).
            if (!policy.equals("-") && f != Family.ARP) {
                throw new RulesetException("user-defined chain `" + chain + "' can't have policy " + policy);
            }
            if (noflush && tools.chainExists(tx, f, table, chain)) {
                tx.flush(f, table, chain);
            } else {
                tx.newChain(f, table, chain);
            }
        }
    }

    static long[] bracketCounters(String s) throws RulesetException {
        if (!s.startsWith("[") || !s.endsWith("]") || s.indexOf(':') < 0) {
            throw new RulesetException("bad counters `" + s + "' (want [packets:bytes])");
        }
        String[] pb = s.substring(1, s.length() - 1).split(":", -1);
        try {
            return new long[] { Long.parseUnsignedLong(pb[0]), Long.parseUnsignedLong(pb[1]) };
        } catch (NumberFormatException e) {
            throw new RulesetException("bad counters `" + s + "' (want [packets:bytes])", e);
        }
    }

    private String help(Family f) {
        return f.tool() + " (" + VERSION + ")\n\n"
                + "Usage: " + f.tool() + " -[ACD] chain rule-specification [options]\n"
                + "       " + f.tool() + " -I chain [rulenum] rule-specification [options]\n"
                + "       " + f.tool() + " -R chain rulenum rule-specification [options]\n"
                + "       " + f.tool() + " -D chain rulenum [options]\n"
                + "       " + f.tool() + " -[LS] [chain [rulenum]] [options]\n"
                + "       " + f.tool() + " -[FZ] [chain] [options]\n"
                + "       " + f.tool() + " -[NX] chain\n"
                + "       " + f.tool() + " -E old-chain-name new-chain-name\n"
                + "       " + f.tool() + " -P chain target [options]\n\n"
                + "Options: -t table, -n, -v, -x, --line-numbers, -m match, -j target, -g chain, ! (negation).\n"
                + "Base options and every match and target: `ext list`, `ext help NAME`.\n"
                + ext.baseHelp(f);
    }
}
