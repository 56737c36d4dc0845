package org.pkttables.ext.ipset.impl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.ext.ipset.api.ListFormat;
import org.pkttables.ext.ipset.api.SetException;

/**
 * The {@code ipset} command in the real tool's syntax, messages and exit codes (0 ok, 1 an operation
 * failed or test found nothing, 2 a usage error): create, add, del, test, list ({@code -name},
 * {@code -terse}, {@code -output save}), save, restore ({@code -file}, atomic), flush, destroy,
 * rename, swap, with {@code -exist} and {@code -quiet}.
 */
@Component(service = CommandExtension.class)
public final class IpsetCommand implements CommandExtension {
    static final String VERSION = "v7.17";
    static final String PREFIX = "ipset " + VERSION + ": ";
    private static final Map<String, String> COMMANDS = Map.ofEntries(Map.entry("create", "create"),
            Map.entry("n", "create"), Map.entry("-N", "create"), Map.entry("add", "add"), Map.entry("-A", "add"),
            Map.entry("del", "del"), Map.entry("-D", "del"), Map.entry("test", "test"), Map.entry("-T", "test"),
            Map.entry("destroy", "destroy"), Map.entry("x", "destroy"), Map.entry("-X", "destroy"),
            Map.entry("list", "list"), Map.entry("-L", "list"), Map.entry("save", "save"), Map.entry("-S", "save"),
            Map.entry("restore", "restore"), Map.entry("-R", "restore"), Map.entry("flush", "flush"),
            Map.entry("-F", "flush"), Map.entry("rename", "rename"), Map.entry("e", "rename"),
            Map.entry("-E", "rename"), Map.entry("swap", "swap"), Map.entry("w", "swap"), Map.entry("-W", "swap"),
            Map.entry("help", "help"), Map.entry("-h", "help"), Map.entry("-H", "help"),
            Map.entry("version", "version"), Map.entry("-v", "version"), Map.entry("-V", "version"));

    private final SetRegistry sets;

    @Activate
    public IpsetCommand(@Reference SetRegistry sets) {
        this.sets = sets;
    }

    /** The canonical command for a word ({@code -A} is {@code add}), or the word itself. */
    static String command(String word) {
        return COMMANDS.getOrDefault(word, word);
    }

    @Override
    public String name() {
        return "ipset";
    }

    @Override
    public String help() {
        return "ipset create|add|del|test|list|save|restore|flush|destroy|rename|swap ... (as the real ipset)";
    }

    /** The parsed command line: global options anywhere, the command and its arguments. */
    private static final class Line {
        boolean exist;
        boolean quiet;
        ListFormat format = ListFormat.PLAIN;
        String file;
        boolean json;
        String command;
        final List<String> args = new ArrayList<>();
    }

    @Override
    public Result run(List<String> argv, String stdin) {
        return run(argv, stdin, CallerFiles.local());
    }

    /** {@code -file F} is the caller's file: read and written through {@code files}. */
    @Override
    public Result run(List<String> argv, String stdin, CallerFiles files) {
        Line l;
        try {
            l = parse(argv);
        } catch (SetException e) {
            return fail(e, false);
        }
        Result r;
        try {
            r = execute(l, stdin, files);
        } catch (SetException e) {
            return fail(e, l.quiet);
        }
        if (r.exit() == 0 && CHANGES.contains(l.command)) {
            try {
                sets.awaitDurable();
            } catch (IOException e) {
                return new Result(1, r.out(), r.err() + "ipset v7.17: committed, but NOT saved to disk: "
                        + e.getMessage() + "\n");
            }
        }
        return r;
    }

    /** The commands that change the sets: acknowledged only once the change is on disk. */
    private static final java.util.Set<String> CHANGES = java.util.Set.of("create", "add", "del", "destroy", "flush",
            "rename", "swap", "restore");

    private static Line parse(List<String> argv) {
        Line l = new Line();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            if (l.command != null && (l.command.equals("add") || l.command.equals("create"))
                    && !l.args.isEmpty() && !isGlobal(a)) {
                l.args.add(a); // entry options and create options may look like anything
                continue;
            }
            switch (a) {
                case "-exist": case "-!": l.exist = true; continue;
                case "-quiet": case "-q": l.quiet = true; continue;
                case "-name": case "-n": l.format = ListFormat.NAME; continue;
                case "-terse": case "-t": l.format = ListFormat.TERSE; continue;
                case "-sorted": case "-s": case "-resolve": case "-r": continue;
                case "--json": case "-json": l.json = true; continue;
                case "-output": case "-o": {
                    if (i + 1 >= argv.size()) {
                        throw new SetException("Syntax error: option -output requires an argument", true);
                    }
                    String f = argv.get(++i);
                    if (f.equals("save")) {
                        l.format = ListFormat.SAVE;
                    } else if (!f.equals("plain")) {
                        throw new SetException("Syntax error: Unknown output mode '" + f + "'", true);
                    }
                    continue;
                }
                case "-file": case "-f": {
                    if (i + 1 >= argv.size()) {
                        throw new SetException("Syntax error: option -file requires an argument", true);
                    }
                    l.file = argv.get(++i);
                    continue;
                }
                default:
                    if (l.command == null) {
                        String c = COMMANDS.get(a);
                        if (c == null) {
                            throw new SetException("No command specified: unknown argument " + a, true);
                        }
                        l.command = c;
                    } else {
                        l.args.add(a);
                    }
            }
        }
        return l;
    }

    private static boolean isGlobal(String a) {
        return a.equals("-exist") || a.equals("-!") || a.equals("-quiet") || a.equals("-q");
    }

    private Result execute(Line l, String stdin, CallerFiles files) {
        List<String> a = l.args;
        String cmd = l.command == null ? "" : l.command;
        switch (cmd) {
            case "":
                throw new SetException("No command specified.", true);
            case "create":
                need(a, 2, "Missing second mandatory argument to command create", "create");
                sets.create(a.get(0), a.get(1), a.subList(2, a.size()), l.exist);
                return ok("");
            case "add":
                need(a, 2, "Missing second mandatory argument to command add", "add");
                sets.add(a.get(0), a.subList(1, a.size()), l.exist);
                return ok("");
            case "del":
                need(a, 2, "Missing second mandatory argument to command del", "del");
                sets.del(a.get(0), a.get(1), l.exist);
                return ok("");
            case "test": {
                need(a, 2, "Missing second mandatory argument to command test", "test");
                boolean in = sets.test(a.get(0), a.get(1));
                if (l.quiet) {
                    return new Result(in ? 0 : 1, "", "");
                }
                String e = sets.canonical(a.get(0), a.get(1));
                return in ? new Result(0, "", "Warning: " + e + " is in set " + a.get(0) + ".\n")
                        : new Result(1, "", e + " is NOT in set " + a.get(0) + ".\n");
            }
            case "destroy":
                sets.destroy(a.isEmpty() ? null : a.get(0));
                return ok("");
            case "flush":
                sets.flush(a.isEmpty() ? null : a.get(0));
                return ok("");
            case "rename":
                need(a, 2, "Missing second mandatory argument to command rename", "rename");
                sets.rename(a.get(0), a.get(1));
                return ok("");
            case "swap":
                need(a, 2, "Missing second mandatory argument to command swap", "swap");
                sets.swap(a.get(0), a.get(1));
                return ok("");
            case "list":
                if (l.json) {
                    return output(l, json(sets.describe(a.isEmpty() ? null : a.get(0), l.format == ListFormat.TERSE)),
                            files);
                }
                return output(l, sets.list(a.isEmpty() ? null : a.get(0), l.format), files);
            case "save":
                return output(l, sets.list(a.isEmpty() ? null : a.get(0),
                        l.format == ListFormat.NAME ? ListFormat.NAME : ListFormat.SAVE), files);
            case "restore": {
                String text = stdin;
                if (l.file != null) {
                    try {
                        text = CallerFiles.readString(files, l.file);
                    } catch (IOException e) {
                        throw new SetException("Cannot open " + l.file + " for reading: " + e.getMessage(), e);
                    }
                }
                sets.restore(text == null ? "" : text, l.exist);
                return ok("");
            }
            case "version":
                return ok("ipset " + VERSION + ", protocol version: 7\n");
            case "help":
                return ok(usage());
            default:
                throw new SetException("No command specified: unknown argument " + cmd, true);
        }
    }

    /** {@code ipset list --json}: {@code {"sets": [...]}} on one line. */
    private static String json(List<Map<String, Object>> sets) {
        try {
            return JSON.std.asString(Map.of("sets", sets)) + "\n";
        } catch (IOException e) {
            throw new SetException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static void need(List<String> a, int n, String second, String cmd) {
        if (a.isEmpty()) {
            throw new SetException("Missing mandatory argument to command " + cmd, true);
        }
        if (a.size() < n) {
            throw new SetException(second, true);
        }
    }

    private static Result output(Line l, String text, CallerFiles files) {
        if (l.file != null) {
            try (OutputStream o = files.write(l.file)) {
                o.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SetException("Cannot open " + l.file + " for writing: " + e.getMessage(), e);
            }
            return ok("");
        }
        return ok(text);
    }

    private static Result ok(String out) {
        return new Result(0, out, "");
    }

    private static Result fail(SetException e, boolean quiet) {
        if (quiet) {
            return new Result(e.usage() ? 2 : 1, "", "");
        }
        String msg = PREFIX + e.getMessage() + "\n";
        if (e.usage()) {
            return new Result(2, "", msg + "Try `ipset help' for more information.\n");
        }
        return new Result(1, "", msg);
    }

    private static String usage() {
        return "ipset " + VERSION + "\n\n"
                + "Usage: ipset [options] COMMAND\n\n"
                + "Commands:\n"
                + "create SETNAME TYPENAME [type-specific-options]\n"
                + "        Create a new set\n"
                + "add SETNAME ENTRY\n        Add entry to the named set\n"
                + "del SETNAME ENTRY\n        Delete entry from the named set\n"
                + "test SETNAME ENTRY\n        Test entry in the named set\n"
                + "destroy [SETNAME]\n        Destroy a named set or all sets\n"
                + "list [SETNAME]\n        List the entries of a named set or all sets\n"
                + "save [SETNAME]\n        Save the named set or all sets to stdout\n"
                + "restore\n        Restore a saved state (atomically in pkttables)\n"
                + "flush [SETNAME]\n        Flush a named set or all sets\n"
                + "rename FROM-SETNAME TO-SETNAME\n        Rename two sets\n"
                + "swap FROM-SETNAME TO-SETNAME\n        Swap the contect of two existing sets\n"
                + "help [TYPENAME]\n        Print help, and settype specific help\n"
                + "version\n        Print version information\n\n"
                + "Options:\n"
                + "-o plain|save  Specify output mode for listing sets.\n"
                + "-exist         Ignore errors when exactly the same set is to be created or already added entry is added or missing entry is deleted.\n"
                + "-quiet         Suppress any notice or warning message.\n"
                + "-name          List just the names of the sets.\n"
                + "-terse         List just the names and headers of the sets.\n"
                + "-file FILE     Read from the given file instead of standard input (restore) or write to it (list, save).\n\n"
                + "Supported set types: hash:ip hash:net hash:ip,port hash:net,port bitmap:port bitmap:ip hash:mac\n"
                + "    hash:ip,port,ip hash:ip,port,net hash:net,net hash:net,iface list:set\n";
    }
}
