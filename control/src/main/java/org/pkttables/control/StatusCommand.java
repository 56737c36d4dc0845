package org.pkttables.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.jr.ob.JSON;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.NamedCommand;
import org.pkttables.api.Ruleset;

/**
 * {@code status}: what the boot loaded, the generation, drops and faults, the socket, state directory and
 * bundles; exits {@link BootState#DEGRADED_EXIT} while the boot did not load whole. The {@link Appliance}
 * registers it (it owns what the boot loaded).
 */
final class StatusCommand extends NamedCommand {
    private final Supplier<BootState> boot;
    private final Supplier<Ruleset> ruleset;
    private final Settings settings;
    private final BundleContext context;
    /** The LOG queue's line, or null (no ext.targets). */
    private final Supplier<String> logQueue;

    StatusCommand(Supplier<BootState> boot, Supplier<Ruleset> ruleset, Settings settings, BundleContext context,
            Supplier<String> logQueue) {
        super("status", "status [--json]: the boot, the ruleset generation, drops, faults, the LOG queue, socket, state and bundles");
        this.boot = boot;
        this.ruleset = ruleset;
        this.settings = settings;
        this.context = context;
        this.logQueue = logQueue;
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        BootState b = boot.get();
        int exit = b == null || b.outcome() == BootState.Outcome.LOADED ? 0 : BootState.DEGRADED_EXIT;
        if (args.equals(List.of("--json"))) {
            return new CommandFrontend.Result(exit, json(b), "");
        }
        if (!args.isEmpty()) {
            return new CommandFrontend.Result(2, "", "status: takes no arguments but --json\n");
        }
        return new CommandFrontend.Result(exit, status(b), "");
    }

    /** {@code status --json}: the same facts as one JSON object. */
    private String json(BootState boot) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (boot != null) {
            Map<String, Object> bm = new LinkedHashMap<>();
            bm.put("outcome", boot.outcome().name().toLowerCase(Locale.ROOT));
            bm.put("lines", List.of(boot.describe().split("\n")));
            m.put("boot", bm);
        }
        Ruleset rs = ruleset.get();
        if (rs != null) {
            m.put("generation", rs.generation());
            m.put("failClosedDrops", rs.failClosedDrops());
            m.put("faultDrops", rs.faultDrops());
            List<String> faults = new ArrayList<>();
            for (org.pkttables.api.ExtensionFault f : rs.faults()) {
                faults.add(f.toString());
            }
            m.put("faults", faults);
        }
        String log = logQueue.get();
        if (log != null) {
            m.put("logQueue", log);
        }
        m.put("socket", settings.socket() == null ? null : settings.socket().toString());
        m.put("state", settings.state() == null ? null : settings.state().toString());
        Bundle[] all = context.getBundles();
        int active = 0;
        for (Bundle b : all) {
            if (b.getState() == Bundle.ACTIVE) {
                active++;
            }
        }
        Map<String, Object> bundles = new LinkedHashMap<>();
        bundles.put("active", active);
        bundles.put("total", all.length);
        m.put("bundles", bundles);
        m.put("version", PkttablesVersion.version());
        try {
            return JSON.std.asString(m) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }

    private String status(BootState boot) {
        StringBuilder sb = new StringBuilder();
        if (boot != null) {
            sb.append(boot.describe());
        }
        Ruleset rs = ruleset.get();
        if (rs != null) {
            sb.append("generation: ").append(rs.generation()).append('\n');
            sb.append("fail-closed drops: ").append(rs.failClosedDrops()).append('\n');
            // Extensions that threw on the packet path: dropped, counted per rule and worker (workers).
            sb.append("fault drops: ").append(rs.faultDrops()).append('\n');
            for (org.pkttables.api.ExtensionFault f : rs.faults()) {
                sb.append("  ").append(f).append('\n');
            }
        }
        String log = logQueue.get();
        if (log != null) {
            sb.append(log).append('\n');
        }
        sb.append("socket: ").append(settings.socket() == null ? "none" : settings.socket()).append('\n');
        sb.append("state: ").append(settings.state() == null ? "not persisted" : settings.state()).append('\n');
        Bundle[] all = context.getBundles();
        int active = 0;
        for (Bundle b : all) {
            if (b.getState() == Bundle.ACTIVE) {
                active++;
            }
        }
        sb.append("bundles: ").append(active).append(" active of ").append(all.length).append('\n');
        sb.append("version: ").append(PkttablesVersion.version()).append('\n');
        return sb.toString();
    }
}
