package org.pkttables.ext.targets.impl;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.ext.targets.api.LogRing;
import org.pkttables.ext.targets.api.LogSink;

/** The {@code LOG} target (libxt_LOG): writes a kernel-style line about the packet and goes on. */
@Component(service = TargetType.class, property = TargetType.NAME + "=LOG")
public final class LogTargetType extends DescribedExtension implements TargetType {
    static final Param<String> PREFIX = Param.of("--log-prefix", LogPrefixType.INSTANCE)
            .help("text put before the line, at most 29 bytes (longer text is cut, as iptables does)");
    static final Param<Integer> LEVEL = Param.of("--log-level", LogLevelType.INSTANCE)
            .help("syslog level, name or 0-7 (default warning)");
    static final Param<Boolean> TCP_SEQUENCE = Param.of("--log-tcp-sequence", ParamTypes.flag())
            .help("log TCP sequence numbers");
    static final Param<Boolean> TCP_OPTIONS = Param.of("--log-tcp-options", ParamTypes.flag())
            .help("log TCP options");
    static final Param<Boolean> IP_OPTIONS = Param.of("--log-ip-options", ParamTypes.flag())
            .help("log IP options");
    static final Param<Boolean> UID = Param.of("--log-uid", ParamTypes.flag())
            .help("log the owning socket's UID (no local sockets here: accepted, logs nothing)");
    static final Param<Boolean> MACDECODE = Param.of("--log-macdecode", ParamTypes.flag())
            .help("decode the MAC header (MACSRC= MACDST= MACPROTO=)");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("LOG")
                .families(Family.IPV4, Family.IPV6, Family.ARP, Family.BRIDGE)
                .params(PREFIX, LEVEL, TCP_SEQUENCE, TCP_OPTIONS, IP_OPTIONS, UID, MACDECODE)
                .listFormatter(LogTargetType::listing)
                .help("LOG: log the packet like the kernel's nf_log, then continue").build();

    private static final String[] LEVEL_NAMES = { "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug" };

    /**
     * LOG_print of libxt_LOG: under {@code -n} the flags as one number ({@code LOG flags 0 level 4}), else the
     * level's name and a word per flag ({@code LOG level warn tcp-options}); then the prefix. Irregular (the
     * flag options print as one number), hence a formatter.
     */
    private static String listing(Args a, org.pkttables.api.ext.ListContext ctx) {
        int level = a.getOr(LEVEL, 4);
        StringBuilder sb = new StringBuilder(" LOG");
        if (ctx.numeric()) {
            int flags = (a.has(TCP_SEQUENCE) ? 1 : 0) | (a.has(TCP_OPTIONS) ? 2 : 0) | (a.has(IP_OPTIONS) ? 4 : 0)
                    | (a.has(UID) ? 8 : 0) | (a.has(MACDECODE) ? 32 : 0);
            sb.append(" flags ").append(flags).append(" level ").append(level);
        } else {
            sb.append(" level ").append(level >= 0 && level < LEVEL_NAMES.length ? LEVEL_NAMES[level] : "UNKNOWN");
            for (Param<Boolean> f : java.util.List.of(TCP_SEQUENCE, TCP_OPTIONS, IP_OPTIONS, UID, MACDECODE)) {
                if (a.has(f)) {
                    sb.append(' ').append(f.option().substring("--log-".length()));
                }
            }
        }
        if (a.has(PREFIX) && !a.get(PREFIX).isEmpty()) {
            sb.append(" prefix \"").append(a.get(PREFIX)).append('"');
        }
        return sb.toString();
    }

    private static final LogSink DEFAULT_SINK = new SystemLoggerSink();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile LogSink sink;

    /** The bounded queue to the log backend ({@link LogQueue}), when no LogSink replaces it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LogRing ring;

    public LogTargetType() {
        super(DESCRIPTOR);
    }

    /** Outside OSGi (tests, Harness): log to {@code sink}. */
    public LogTargetType(LogSink sink) {
        super(DESCRIPTOR);
        this.sink = sink;
    }

    /**
     * Whether a line may be logged now: always for a bound LogSink or outside OSGi, else as the ring's
     * rate says ({@link LogRing#admit}: a line over it is counted there and not formatted).
     */
    boolean admit() {
        LogRing r = ring;
        return sink != null || r == null || r.admit();
    }

    /**
     * Logs one line: to the LogSink bound now, else into the {@link LogRing} (never waits: a slow console
     * cannot stall the worker), else (outside OSGi) to the System.Logger directly. Read per logged packet
     * so rebinding takes effect.
     */
    void log(int level, String line) {
        LogSink s = sink;
        if (s != null) {
            s.log(level, line);
            return;
        }
        LogRing r = ring;
        if (r != null) {
            r.publish(level, line);
        } else {
            DEFAULT_SINK.log(level, line);
        }
    }

    @Override
    public Args canonicalize(Args args) {
        // warning is the default, which iptables does not list.
        if (args.has(LEVEL) && args.get(LEVEL) == LogLevelType.WARNING) {
            return args.toBuilder().remove(LEVEL).build();
        }
        return args;
    }

    @Override
    public Target compile(Args args) {
        int flags = (args.has(TCP_SEQUENCE) ? PacketLogFormatter.TCP_SEQ : 0)
                | (args.has(TCP_OPTIONS) ? PacketLogFormatter.TCP_OPT : 0)
                | (args.has(IP_OPTIONS) ? PacketLogFormatter.IP_OPT : 0)
                | (args.has(UID) ? PacketLogFormatter.UID : 0)
                | (args.has(MACDECODE) ? PacketLogFormatter.MAC_DECODE : 0);
        return new LogTarget(this, args.getOr(PREFIX, ""), args.getOr(LEVEL, LogLevelType.WARNING), flags);
    }
}
