package org.pkttables.io.impl;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.CallerFiles;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;
import org.pkttables.api.NamedCommand;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.io.pcap.PcapReader;
import org.pkttables.io.pcap.PcapWriter;

/**
 * {@code replay [--path forward|input|output] [-i IF] [-o IF] [--out FILE] [--json [--counters]] FILE}:
 * offline what-if, a capture through the live ruleset; per-rule counters then show in
 * {@code iptables -L -v} (with {@code --json --counters} also in the JSON, as {@code "rules"}).
 */
@Component(service = CommandExtension.class)
public final class ReplayCommand extends NamedCommand {
    /** Replays use the last worker slot, so they never race a capture worker's counters. */
    private static final int REPLAY_WORKER = PacketContext.MAX_WORKERS - 1;

    private final Ruleset ruleset;

    @org.osgi.service.component.annotations.Activate
    public ReplayCommand(@Reference Ruleset ruleset) {
        super("replay",
                "replay [--path forward|input|output] [-i IF] [-o IF] [--out FILE] [--json [--counters]] FILE.pcap");
        this.ruleset = ruleset;
    }

    @Override
    public Result run(List<String> args, String stdin) {
        return run(args, stdin, CallerFiles.local());
    }

    /** The capture and {@code --out FILE} are the caller's files, opened through {@code files}. */
    @Override
    public Result run(List<String> args, String stdin, CallerFiles files) {
        ReplayPath path = ReplayPath.FORWARD;
        String in = "eth0";
        String out = "eth1";
        String write = null;
        boolean json = false;
        boolean counters = false;
        String file = null;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--path": path = ReplayPath.of(value(args, i++)); break;
                    case "-i": in = value(args, i++); break;
                    case "-o": out = value(args, i++); break;
                    case "--out": write = value(args, i++); break;
                    case "--json": json = true; break;
                    case "--counters": counters = true; break;
                    default:
                        if (a.startsWith("-") || file != null) {
                            return new Result(2, "", "replay: unexpected argument `" + a + "'\nusage: " + help() + "\n");
                        }
                        file = a;
                }
            }
        } catch (IllegalArgumentException e) {
            return new Result(2, "", "replay: " + e.getMessage() + "\n");
        }
        if (file == null) {
            return new Result(2, "", "replay: no capture file given\nusage: " + help() + "\n");
        }
        try (InputStream capture = files.read(file);
                PcapReader r = new PcapReader(capture, file);
                OutputStream written = write == null ? null : files.write(write);
                PcapWriter w = written == null ? null : new PcapWriter(written, r.linkType())) {
            ReplaySummary s;
            synchronized (this) {
                s = new Replayer(ruleset).replay(r, w, path, in, out, REPLAY_WORKER);
            }
            if (!json) {
                return new Result(0, s.text(file, path, in, out), "");
            }
            Map<String, Object> doc = s.json(file, path);
            if (counters) {
                doc.put("rules", RuleCounters.json(ruleset));
            }
            return new Result(0, JSON.std.asString(doc) + "\n", "");
        } catch (IOException e) {
            return new Result(1, "", "replay: " + e.getMessage() + "\n");
        }
    }

    private static String value(List<String> args, int i) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("option " + args.get(i) + " needs a value");
        }
        return args.get(i + 1);
    }
}
