package org.pkttables.gen.impl;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.NamedCommand;
import org.pkttables.gen.GenOptions;
import org.pkttables.gen.Generator;
import org.pkttables.gen.Profile;

/**
 * {@code gen}: the connection generator at the shell, through {@code ctl} and {@code bin/pkttables gen}.
 * Without {@code --pcap} or {@code --live} the frames are only generated and counted.
 */
@Component(service = CommandExtension.class)
public final class GenCommand extends NamedCommand {
    static final String USAGE = "gen [--profile NAME|'NAME: WORDS'] [--profiles FILE] [--count N] [--rate CONN/S] "
            + "[--pps FRAMES/S] [--concurrency N] [--clients ADDR[/LEN]] [--servers ADDR[/LEN]] [--client-order random|seq] "
            + "[--sport random|seq[:START]] [--dport N] [--seed N] [--pcap FILE] [--live CLIENT_IF,SERVER_IF] "
            + "[--timeout MS] [--window FRAMES] [--per-flow] [--json] | gen --list";

    public GenCommand() {
        super("gen", USAGE);
    }

    @Override
    public Result run(List<String> args, String stdin) {
        return run(args, stdin, CallerFiles.local());
    }

    /** {@code --profiles FILE} and {@code --pcap FILE} are the caller's files, opened through {@code files}. */
    @Override
    public Result run(List<String> args, String stdin, CallerFiles files) {
        String profileArg = "http";
        String profilesFile = null;
        String pcap = null;
        String live = null;
        long timeout = 300;
        int window = 512;
        boolean json = false;
        boolean perFlow = false;
        GenOptions o = new GenOptions();
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--list": return new Result(0, list(), "");
                    case "--profile": profileArg = value(args, i++); break;
                    case "--profiles": profilesFile = value(args, i++); break;
                    case "--count": o.count(number(args, i++)); break;
                    case "--rate": o.rate(decimal(args, i++)); break;
                    case "--pps": o.pps(decimal(args, i++)); break;
                    case "--concurrency": o.concurrency((int) number(args, i++)); break;
                    case "--clients": o.clients(value(args, i++)); break;
                    case "--servers": o.servers(value(args, i++)); break;
                    case "--client-order": o.clientOrder(value(args, i++)); break;
                    case "--sport": o.sport(value(args, i++)); break;
                    case "--dport": o.dport((int) number(args, i++)); break;
                    case "--seed": o.seed(number(args, i++)); break;
                    case "--pcap": pcap = value(args, i++); break;
                    case "--live": live = value(args, i++); break;
                    case "--timeout": timeout = number(args, i++); break;
                    case "--window": window = (int) number(args, i++); break;
                    case "--json": json = true; break;
                    case "--per-flow": perFlow = true; break;
                    default: return new Result(2, "", "gen: unknown option `" + a + "'\nusage: " + USAGE + "\n");
                }
            }
            Profile profile = profile(profileArg, profilesFile, files);
            // checks addresses and families before anything is written
            new FlowFactory(profile, o);
            String[] ifs = null;
            if (live != null) {
                ifs = live.split(",");
                if (ifs.length != 2 || ifs[0].isBlank() || ifs[1].isBlank()) {
                    throw new IllegalArgumentException("--live needs CLIENT_IF,SERVER_IF, not `" + live + "'");
                }
            }
            StringBuilder out = new StringBuilder();
            if (pcap != null || live == null) {
                Generator g = new Generator(profile, o);
                if (pcap != null) {
                    try (OutputStream file = files.write(pcap)) {
                        g.writePcap(file);
                    }
                } else {
                    while (g.next()) {
                        // count only
                    }
                }
                out.append(json ? genJson(g, pcap) : String.format(Locale.ROOT,
                        "gen %s: %d flows, %d frames, %d bytes%s%n  profile %s%n", g.profile().name(), g.flowsFinished(),
                        g.frames(), g.bytes(), pcap == null ? "" : " -> " + pcap, g.profile().text()));
            }
            if (ifs != null) {
                LiveReport r = new LivePlayer(new FlowFactory(profile, o), o, ifs[0], ifs[1], timeout, window).play(perFlow);
                out.append(json ? r.json(perFlow) : r.text(perFlow));
            }
            return new Result(0, out.toString(), "");
        } catch (IllegalArgumentException e) {
            return new Result(2, "", "gen: " + e.getMessage() + "\n");
        } catch (IOException e) {
            return new Result(1, "", "gen: " + e.getMessage() + "\n");
        } catch (IllegalStateException e) {
            return new Result(1, "", "gen: live: " + e.getMessage() + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(1, "", "gen: interrupted\n");
        }
    }

    private static String genJson(Generator g, String pcap) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("profile", g.profile().name());
        m.put("flows", g.flowsFinished());
        m.put("frames", g.frames());
        m.put("bytes", g.bytes());
        if (pcap != null) {
            m.put("pcap", pcap);
        }
        return JSON.std.asString(m) + "\n";
    }

    static String list() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : Profile.builtins().entrySet()) {
            sb.append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    /** A built-in name, a name from --profiles FILE, or a whole profile line. */
    static Profile profile(String arg, String file, CallerFiles files) throws IOException {
        if (arg.contains(":")) {
            return Profile.parseLine(arg, "--profile", 1);
        }
        if (file != null) {
            Map<String, Profile> all = Profile.parseAll(CallerFiles.readString(files, file), file);
            Profile p = all.get(arg);
            if (p != null) {
                return p;
            }
            if (!Profile.builtins().containsKey(arg)) {
                throw new IllegalArgumentException("no profile `" + arg + "' in " + file + " (" + String.join(", ",
                        all.keySet()) + ") nor built in");
            }
        }
        return Profile.builtin(arg);
    }

    private static String value(List<String> args, int i) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("option " + args.get(i) + " needs a value");
        }
        return args.get(i + 1);
    }

    private static long number(List<String> args, int i) {
        String v = value(args, i);
        try {
            return Long.parseLong(v.replace("_", "").replace("k", "000"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args.get(i) + " needs a whole number, not `" + v + "'", e);
        }
    }

    private static double decimal(List<String> args, int i) {
        String v = value(args, i);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(args.get(i) + " needs a number, not `" + v + "'", e);
        }
    }
}
