package org.pkttables.tables.testing;

import java.util.List;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.ShellWords;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.cli.xtables.IptablesFrontend;
import org.pkttables.tables.engine.Engine;

/**
 * The whole core (registry, ruleset) and the iptables command line without OSGi, like Netty's
 * EmbeddedChannel:
 * <pre>
 * Harness h = new Harness().with(new Ipv4Handler(), new TcpMatchType());
 * h.sh("iptables -A INPUT -p tcp --dport 22 -j DROP");
 * assertEquals(Verdict.DROP, h.inject(Family.IPV4, Hook.INPUT, frame, "eth0", null));
 * </pre>
 */
public final class Harness {
    private final Engine core = Engine.create();
    private final IptablesFrontend frontend = new IptablesFrontend(core.ruleset(), core.registry(), core.tools());
    private final PacketContext ctx = new PacketContext(0);

    /**
     * Registers services as if their bundles had started: MatchType, TargetType, L3Handler, HookFunction,
     * RulesetListener, TraceListener, CommandExtension.
     */
    public Harness with(Object... services) {
        for (Object s : services) {
            with(s, java.util.Map.of());
        }
        return this;
    }

    /**
     * Registers one service with service properties, as OSGi would pass them (a HookFunction's
     * {@code pkttables.family}, {@code pkttables.hook}, {@code pkttables.priority}).
     */
    public Harness with(Object service, java.util.Map<String, ?> props) {
        if (service instanceof org.pkttables.api.CommandExtension) {
            frontend.addCommand((org.pkttables.api.CommandExtension) service);
            if (!core.accepts(service)) {
                return this;
            }
        }
        core.register(service, props);
        return this;
    }

    /** Unregisters a service as if its bundle had stopped. */
    public Harness without(Object service) {
        if (service instanceof org.pkttables.api.CommandExtension) {
            frontend.removeCommand((org.pkttables.api.CommandExtension) service);
        }
        core.unregister(service);
        return this;
    }

    /**
     * Evaluates every chain rule by rule (true), the reference interpreter, instead of through the
     * chains' compiled classifiers (false, the default). Verdicts and counters are the same either way.
     */
    public Harness linear(boolean on) {
        core.setLinear(on);
        return this;
    }

    /**
     * Runs the background rebuilds of chain classifiers (asked for after many single-rule edits of a
     * chain) on {@code e} instead of the core's own thread, e.g. a queue the test drains when it likes.
     */
    public Harness rebuildExecutor(java.util.concurrent.Executor e) {
        core.setRebuildExecutor(e);
        return this;
    }

    public Ruleset ruleset() {
        return core.ruleset();
    }

    public CommandFrontend frontend() {
        return frontend;
    }

    public ExtensionRegistry registry() {
        return core.registry();
    }

    /** Runs one command with its arguments as separate words. */
    public CommandFrontend.Result run(String command, String... args) {
        return frontend.run(command, List.of(args), null);
    }

    /** Runs one command line, split into words as a POSIX shell would (quotes, backslashes). */
    public CommandFrontend.Result sh(String commandLine) {
        List<String> words = ShellWords.split(commandLine);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        return frontend.run(words.get(0), words.subList(1, words.size()), null);
    }

    /** Runs a command that reads standard input ({@code iptables-restore}). */
    public CommandFrontend.Result withInput(String stdin, String command, String... args) {
        return frontend.run(command, List.of(args), stdin);
    }

    /**
     * Sends an Ethernet frame through one hook of a family and returns the verdict.
     *
     * @param in  input interface name or null
     * @param out output interface name or null
     */
    public int inject(Family f, Hook hook, byte[] frame, String in, String out) {
        ctx.reset(frame, 0, frame.length);
        ctx.setL2(0);
        return process(f, hook, 14, in, out);
    }

    /**
     * Sends an Ethernet frame along a path of hooks with ONE context, as the appliance does (marks,
     * conntrack state and NOTRACK carry from hook to hook); stops at the first hook that does not accept.
     * Input interface is set where the kernel sets it (not at OUTPUT/POSTROUTING), output likewise.
     */
    public int injectPath(Family f, byte[] frame, String in, String out, Hook... hooks) {
        return walk(f, frame, frame.length, in, out, hooks);
    }

    /** The first {@code length} bytes of {@code buf} as a frame through {@code hooks}, until one does not accept. */
    private int walk(Family f, byte[] buf, int length, String in, String out, Hook... hooks) {
        ctx.reset(buf, 0, length);
        ctx.setL2(0);
        ctx.setFamily(f);
        core.ruleset().parse(f, ctx, 14);
        int v = org.pkttables.api.Verdict.ACCEPT;
        for (Hook hook : hooks) {
            ctx.setHook(hook);
            ctx.setInIface(hook == Hook.OUTPUT || hook == Hook.POSTROUTING ? null : in);
            ctx.setOutIface(hook == Hook.PREROUTING || hook == Hook.INPUT ? null : out);
            v = core.ruleset().process(ctx);
            if (v != org.pkttables.api.Verdict.ACCEPT) {
                return v;
            }
        }
        return v;
    }

    /** What {@link #injectPathGrowing} returns: the verdict and the frame as it left (its length may differ). */
    public record Routed(int verdict, byte[] frame) {
    }

    /**
     * {@link #injectPath} with the frame in a buffer {@code room} bytes larger, as the appliance's, so that a
     * helper's rewrite may grow it; {@code frame} itself is left as it was.
     */
    public Routed injectPathGrowing(Family f, byte[] frame, int room, String in, String out, Hook... hooks) {
        byte[] buf = java.util.Arrays.copyOf(frame, frame.length + room);
        int v = walk(f, buf, frame.length, in, out, hooks);
        return new Routed(v, java.util.Arrays.copyOfRange(buf, 0, ctx.end()));
    }

    /** Sends a packet without L2 header (starting at the IP header) through one hook. */
    public int injectL3(Family f, Hook hook, byte[] packet, String in, String out) {
        ctx.reset(packet, 0, packet.length);
        return process(f, hook, 0, in, out);
    }

    private int process(Family f, Hook hook, int l3, String in, String out) {
        ctx.setFamily(f);
        ctx.setHook(hook);
        ctx.setInIface(in);
        ctx.setOutIface(out);
        core.ruleset().parse(f, ctx, l3);
        return core.ruleset().process(ctx);
    }

    /** The context of the last injected packet (mark, reject request …). */
    public PacketContext last() {
        return ctx;
    }
}
