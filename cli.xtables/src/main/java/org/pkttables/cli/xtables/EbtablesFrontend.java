package org.pkttables.cli.xtables;

import java.util.ArrayList;
import java.util.List;

import org.pkttables.api.ChainInfo;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.RuleInfo;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.Ruleset;
import org.pkttables.api.RulesetException;
import org.pkttables.api.SaveQuoting;
import org.pkttables.api.TableInfo;
import org.pkttables.api.Transaction;
import org.pkttables.api.Verdict;
import org.pkttables.tables.engine.RulesetTools;

/**
 * {@code ebtables}, {@code ebtables-save} and {@code ebtables-restore} for the bridge family, with the
 * command syntax and the listing of ebtables-nft 1.8.9. Rules, transactions, the registry and evaluation
 * are the core's; only the words differ from iptables (see {@link EbtablesText}).
 */
final class EbtablesFrontend {
    static final String TOOL = "ebtables";
    private static final Family F = Family.BRIDGE;

    private final Ruleset ruleset;
    private final RulesetTools tools;
    private final RuleParser parser;
    private final RulesetJson json;
    /** ebtables' words for the commands it shares with iptables ({@link ChangeCommand#apply}). */
    private final ChangeCommand.Dialect dialect = new ChangeCommand.Dialect() {
        @Override
        public RuleSpec rule(ChangeCommand c, boolean lenient) throws RulesetException {
            return parser.parse(F, c.ruleWords, lenient);
        }

        @Override
        public void policy(Transaction tx, ChangeCommand c) throws RulesetException {
            EbtablesFrontend.this.policy(tx, c.table, c.chain, c.arg2);
        }

        @Override
        public void noRule(ChangeCommand c) throws RulesetException {
            EbtablesFrontend.noRule(c);
        }
    };

    /**
     * The command line's dialect: a rule whose words do not parse is ebtables' parameter problem (exit 2, its
     * words), while a restore names the line instead.
     */
    private final ChangeCommand.Dialect commandLine = new ParameterProblemDialect(dialect,
            e -> IptablesFrontend.UsageException.of(F, e), (c, spec) -> { });

    EbtablesFrontend(Ruleset ruleset, RulesetTools tools, RuleParser parser, RulesetJson json) {
        this.ruleset = ruleset;
        this.tools = tools;
        this.parser = parser;
        this.json = json;
    }

    static List<String> commands() {
        return List.of(TOOL, TOOL + "-save", TOOL + "-restore");
    }

    /** Runs one of {@link #commands()}; null when {@code command} is not one of them. */
    CommandFrontend.Result run(String command, List<String> args, String stdin) throws RulesetException {
        switch (command) {
            case TOOL:
                return tool(args);
            case TOOL + "-save":
                return save(args);
            case TOOL + "-restore":
                return restore(args, stdin == null ? "" : stdin);
            default:
                return null;
        }
    }

    /** One parsed ebtables command line. */
    static final class Command extends ChangeCommand {
        boolean counters;
        boolean numbers;
        boolean zeroAfterList;
    }

    Command parse(List<String> args) throws RulesetException {
        Command c = new Command();
        boolean tableSet = false;
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            switch (w) {
                case "-t": case "--table":
                    if (tableSet) {
                        throw new IptablesFrontend.UsageException("Multiple use of same option not allowed", null);
                    }
                    c.table = need(args, i, w);
                    tableSet = true;
                    i++;
                    break;
                case "--concurrent":
                    // ebtables-nft ignores it too: nf_tables needs no lock file.
                    break;
                case "-A": case "--append":
                case "-N": case "--new-chain":
                case "-E": case "--rename-chain":
                case "-P": case "--policy":
                    if (c.command == 'N' && (w.equals("-P") || w.equals("--policy"))) {
                        // -N CHAIN -P POLICY: a user chain with a policy.
                        c.arg2 = need(args, i, w);
                        i++;
                        break;
                    }
                    setCommand(c, w);
                    c.chain = need(args, i, w);
                    i++;
                    if (c.command == 'E' || c.command == 'P') {
                        c.arg2 = need(args, i, w);
                        i++;
                    }
                    break;
                case "-I": case "--insert":
                case "-D": case "--delete":
                    setCommand(c, w);
                    c.chain = need(args, i, w);
                    i++;
                    if (i + 1 < args.size() && args.get(i + 1).matches("\\d+")) {
                        c.position = position(args.get(++i));
                    }
                    break;
                case "-X": case "--delete-chain":
                case "-F": case "--flush":
                case "-Z": case "--zero":
                case "-L": case "--list":
                    if (c.command == 'L' && (w.equals("-Z") || w.equals("--zero"))) {
                        c.zeroAfterList = true;
                        break;
                    }
                    if (c.command == 'Z' && (w.equals("-L") || w.equals("--list"))) {
                        c.command = 'L';
                        c.zeroAfterList = true;
                    } else {
                        setCommand(c, w);
                    }
                    if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                        c.chain = args.get(++i);
                    }
                    break;
                case "--Lc":
                    c.counters = true;
                    break;
                case "--Ln":
                    c.numbers = true;
                    break;
                case "--Lx": case "--Lmac2":
                    // ebtables-nft 1.8.9 lists as usual with either (MACs always have two digits per byte).
                    break;
                case "-c": case "--set-counters": case "--pcnt": case "--bcnt":
                    if (!w.startsWith("-c") && !w.equals("--set-counters")) {
                        throw new IptablesFrontend.UsageException("use -c PACKETS BYTES", null);
                    }
                    if (i + 2 >= args.size()) {
                        throw new IptablesFrontend.UsageException("-c requires packet and byte counter", null);
                    }
                    c.setCounters = new long[] { count(args.get(i + 1)), count(args.get(i + 2)) };
                    i += 2;
                    break;
                case "-h": case "--help":
                    c.command = 'h';
                    break;
                case "-V": case "--version":
                    c.command = 'V';
                    break;
                case "--init-table":
                    setCommand(c, w);
                    break;
                case "--atomic-file": case "--atomic-init": case "--atomic-save": case "--atomic-commit":
                    throw new IptablesFrontend.UsageException(w + " is not supported (use ebtables-save and "
                            + "ebtables-restore)", null);
                default: {
                    // Rule words, with ebtables' "OPTION ! VALUE" turned into the core's "! OPTION VALUE".
                    if (w.startsWith("-") && i + 1 < args.size() && "!".equals(args.get(i + 1))
                            && !w.equals("-j") && !w.equals("--jump")) {
                        c.ruleWords.add("!");
                        c.ruleWords.add(w);
                        i++;
                    } else {
                        c.ruleWords.add(w);
                    }
                    break;
                }
            }
        }
        if (c.command == 0) {
            throw new IptablesFrontend.UsageException("no command specified", null);
        }
        // -j CONTINUE is the absence of a target.
        for (int i = 0; i + 1 < c.ruleWords.size(); i++) {
            String w = c.ruleWords.get(i);
            if ((w.equals("-j") || w.equals("--jump")) && c.ruleWords.get(i + 1).equals("CONTINUE")) {
                c.ruleWords.remove(i + 1);
                c.ruleWords.remove(i);
                break;
            }
        }
        return c;
    }

    private static void setCommand(Command c, String w) throws RulesetException {
        if (c.command != 0) {
            throw new IptablesFrontend.UsageException("Multiple commands are not allowed", null);
        }
        c.command = w.equals("--init-table") ? 'i' : w.startsWith("--") ? longCommand(w) : w.charAt(1);
    }

    private static char longCommand(String w) {
        switch (w) {
            case "--append": return 'A';
            case "--insert": return 'I';
            case "--delete": return 'D';
            case "--policy": return 'P';
            case "--new-chain": return 'N';
            case "--delete-chain": return 'X';
            case "--rename-chain": return 'E';
            case "--flush": return 'F';
            case "--zero": return 'Z';
            default: return 'L';
        }
    }

    private static int position(String s) throws RulesetException {
        try {
            int n = Integer.parseInt(s);
            if (n < 1) {
                throw new IptablesFrontend.UsageException("Invalid rule number `" + s + "'", null);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IptablesFrontend.UsageException("Invalid rule number `" + s + "'", e);
        }
    }

    private static long count(String s) throws RulesetException {
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new IptablesFrontend.UsageException("Packet counter '" + s + "' invalid", e);
        }
    }

    private static String need(List<String> args, int i, String opt) throws RulesetException {
        if (i + 1 >= args.size()) {
            throw new IptablesFrontend.UsageException("option " + opt + " requires an argument", null);
        }
        return args.get(i + 1);
    }

    private CommandFrontend.Result tool(List<String> args) throws RulesetException {
        Command c;
        try {
            c = parse(args);
        } catch (IptablesFrontend.UsageException e) {
            throw new IptablesFrontend.UsageException(e.getMessage()
                    + "\nTry `ebtables -h' or 'ebtables --help' for more information.", e);
        }
        switch (c.command) {
            case 'h':
                return new CommandFrontend.Result(0, help(), "");
            case 'V':
                return new CommandFrontend.Result(0, TOOL + " (" + IptablesFrontend.VERSION + ")\n", "");
            case 'L': {
                boolean asJson = c.ruleWords.remove("--json");
                noRule(c);
                long generation = ruleset.generation();
                TableInfo t = table(c.table);
                if (c.chain != null && t.chain(c.chain) == null) {
                    throw new RulesetException("Chain '" + c.chain + "' doesn't exist");
                }
                StringBuilder out = new StringBuilder();
                if (asJson) {
                    out.append(json.list(t, generation, c.chain, 0));
                } else {
                    list(out, t, c.chain, c.numbers, c.counters);
                }
                if (c.zeroAfterList) {
                    try (Transaction tx = ruleset.begin()) {
                        tx.zero(F, c.table, c.chain);
                        tx.commit();
                    }
                }
                return new CommandFrontend.Result(0, out.toString(), "");
            }
            default:
                try (Transaction tx = ruleset.begin()) {
                    c.apply(F, tx, false, commandLine);
                    tx.commit();
                } catch (RulesetException e) {
                    RulesetException rule = NftRefusal.ofRule(F, c.command, c.chain, e);
                    throw rule == null ? e : rule; // a bad option value, or what the kernel refuses
                }
                return new CommandFrontend.Result(0, "", "");
        }
    }

    private TableInfo table(String name) throws RulesetException {
        if (!ruleset.tables(F).contains(name)) {
            throw new RulesetException("table '" + name + "' does not exist");
        }
        return ruleset.table(F, name);
    }

    private static void noRule(ChangeCommand c) throws RulesetException {
        if (!c.ruleWords.isEmpty()) {
            throw new IptablesFrontend.UsageException("Unknown argument: '" + c.ruleWords.get(0) + "'", null);
        }
    }

    private void policy(Transaction tx, String table, String chain, String name) throws RulesetException {
        if (!name.equals("ACCEPT") && !name.equals("DROP")) {
            if (name.equals("RETURN")) {
                ChainInfo ci = table(table).chain(chain);
                if (ci != null && !ci.builtin()) {
                    return; // a user chain's policy is RETURN already
                }
                throw new RulesetException("Policy RETURN only allowed for user defined chains");
            }
            throw new RulesetException("Wrong policy '" + name + "'");
        }
        tx.policy(F, table, chain, Verdict.of(name));
    }

    // ---- listing ----

    /** {@code ebtables -L [CHAIN] [--Ln] [--Lc]}, laid out as ebtables-nft 1.8.9 prints it. */
    private void list(StringBuilder out, TableInfo t, String chain, boolean numbers, boolean counters) {
        out.append("Bridge table: ").append(t.name()).append('\n');
        for (ChainInfo c : t.chains()) {
            if (chain != null && !c.name().equals(chain)) {
                continue;
            }
            out.append("\nBridge chain: ").append(c.name()).append(", entries: ").append(c.rules().size())
                    .append(", policy: ").append(c.builtin() ? Verdict.name(c.policy()) : "RETURN").append('\n');
            int n = 1;
            for (RuleInfo r : c.rules()) {
                if (numbers) {
                    out.append(n).append(' ');
                }
                out.append(EbtablesText.rule(r.spec(), parser.extensions()));
                if (counters) {
                    out.append(" , pcnt = ").append(r.packets()).append(" -- bcnt = ").append(r.bytes());
                }
                if (!r.bound()) {
                    out.append(" [fail-closed: ").append(r.missing()).append(" not loaded]");
                }
                out.append('\n');
                n++;
            }
        }
    }

    // ---- save / restore ----

    private CommandFrontend.Result save(List<String> args) throws RulesetException {
        List<String> rest = new ArrayList<>(args);
        boolean asJson = rest.remove("--json");
        IptablesFrontend.SaveOptions o = IptablesFrontend.SaveOptions.parse(TOOL, rest);
        boolean counters = o.counters();
        String only = o.only();
        if (asJson) {
            return new CommandFrontend.Result(0, json.save(List.of(F), only), "");
        }
        String now = IptablesFrontend.SaveOptions.now();
        StringBuilder out = new StringBuilder();
        List<String> tables = only != null ? List.of(only) : tools.usedTables(F);
        for (String name : tables) {
            TableInfo t = table(name);
            out.append("# Generated by ebtables-save (").append(IptablesFrontend.VERSION).append(") on ").append(now)
                    .append('\n');
            out.append('*').append(t.name()).append('\n');
            for (ChainInfo c : t.chains()) {
                // ebtables-nft 1.8.9 saves a user chain as ":NAME ACCEPT" (and lists its policy as RETURN).
                out.append(':').append(c.name()).append(' ')
                        .append(c.builtin() ? Verdict.name(c.policy()) : "ACCEPT").append('\n');
            }
            for (ChainInfo c : t.chains()) {
                for (RuleInfo r : c.rules()) {
                    if (counters) {
                        out.append('[').append(r.packets()).append(':').append(r.bytes()).append("] ");
                    }
                    out.append("-A ").append(c.name()).append(' ').append(EbtablesText.rule(r.spec(), parser.extensions()))
                            .append('\n');
                }
            }
            out.append("# Completed on ").append(now).append('\n');
        }
        return new CommandFrontend.Result(0, out.toString(), "");
    }

    /**
     * {@code ebtables-restore [--noflush] [-c]}: atomic over the whole input; {@code *table}, {@code :CHAIN
     * POLICY} and command lines, no COMMIT (ebtables-save writes none).
     */
    private CommandFrontend.Result restore(List<String> args, String input) throws RulesetException {
        boolean noflush = false;
        boolean lenient = false;
        boolean counters = false;
        for (String a : args) {
            switch (a) {
                case "-n": case "--noflush": noflush = true; break;
                case "-c": case "--counters": counters = true; break;
                case "-v": case "--verbose": break;
                case "--fail-closed-missing": lenient = true; break;
                default:
                    throw new IptablesFrontend.UsageException("unknown argument `" + a
                            + "' (usage: ebtables-restore [-n] [-c] < file)", null);
            }
        }
        Transaction tx = lenient ? tools.beginFailClosed() : ruleset.begin();
        try {
            String table = null;
            for (RestoreLine restoreLine : RestoreLine.of(input)) {
                String line = restoreLine.text();
                Command c = null;
                try {
                    if (line.startsWith("*")) {
                        table = line.substring(1).strip();
                        if (!ruleset.tables(F).contains(table)) {
                            throw new RulesetException("table '" + table + "' does not exist");
                        }
                        if (!noflush) {
                            tx.resetTable(F, table);
                        }
                        continue;
                    }
                    if (table == null) {
                        throw new RulesetException("no table specified (a `*table' line must come first)");
                    }
                    if (line.equals("COMMIT")) {
                        continue;
                    }
                    if (line.startsWith(":")) {
                        chainLine(tx, table, line, noflush);
                        continue;
                    }
                    List<String> words = new ArrayList<>(SaveQuoting.split(line));
                    long[] pc = null;
                    if (words.get(0).startsWith("[")) {
                        pc = IptablesFrontend.bracketCounters(words.remove(0));
                    }
                    c = parse(RestoreLine.inTable(table, words));
                    if (counters && pc != null) {
                        c.setCounters = pc;
                    }
                    if (c.command == 'L' || c.command == 'h' || c.command == 'V') {
                        throw new RulesetException("command -" + c.command + " is not allowed in a restore file");
                    }
                    c.apply(F, tx, lenient, dialect);
                } catch (RulesetException | IllegalArgumentException e) {
                    RulesetException rule = NftRefusal.ofRestoredRule(F, restoreLine, c, e);
                    throw rule != null ? rule : restoreLine.failed(e);
                }
            }
            tx.commit();
        } finally {
            tx.close();
        }
        return new CommandFrontend.Result(0, "", "");
    }

    private void chainLine(Transaction tx, String table, String line, boolean noflush) throws RulesetException {
        String[] parts = line.substring(1).trim().split("\\s+");
        String chain = parts[0];
        String policy = parts.length > 1 ? parts[1] : "ACCEPT";
        if (tools.isBuiltin(tx, F, table, chain)) {
            policy(tx, table, chain, policy);
            return;
        }
        // ebtables-save writes ACCEPT for a user chain that returns (see save).
        if (!policy.equals("RETURN") && !policy.equals("ACCEPT") && !policy.equals("-")) {
            throw new RulesetException("policy " + policy + " of user-defined chain `" + chain
                    + "' is not supported (pkttables: user chains return)");
        }
        if (noflush && tools.chainExists(tx, F, table, chain)) {
            tx.flush(F, table, chain);
        } else {
            tx.newChain(F, table, chain);
        }
    }

    private String help() {
        return TOOL + " (" + IptablesFrontend.VERSION + ")\n\n"
                + "Usage: ebtables [-t table] -[AD] chain rule-specification\n"
                + "       ebtables [-t table] -I chain [rulenum] rule-specification\n"
                + "       ebtables [-t table] -D chain rulenum\n"
                + "       ebtables [-t table] -L [chain] [--Ln] [--Lc]\n"
                + "       ebtables [-t table] -[FZ] [chain]\n"
                + "       ebtables [-t table] -N chain | -X [chain] | -E old new | -P chain ACCEPT|DROP\n\n"
                + "Tables: filter (INPUT FORWARD OUTPUT), nat (PREROUTING OUTPUT POSTROUTING).\n"
                + "Rule: -p [!] proto|LENGTH, -s/-d [!] mac[/mask]|Unicast|Multicast|Broadcast|BGA, -i/-o/"
                + "--logical-in/--logical-out [!] name, -j ACCEPT|DROP|CONTINUE|RETURN|chain|target.\n"
                + "Match and target options: `ext list`, `ext help NAME`.\n";
    }
}
