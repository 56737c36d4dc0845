package org.pkttables.ext.targets.impl;

import java.util.Arrays;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.ext.targets.api.LogRing;
import org.pkttables.ext.targets.api.NflogListener;

/**
 * The {@code NFLOG} target (libxt_NFLOG): hands the packet to the {@link NflogListener} services of its
 * group and goes on. {@code --nflog-threshold} (the kernel's batching of messages to user space) is
 * accepted and listed but has no effect: listeners are called at once. {@code --nflog-range} is
 * accepted and dropped, as iptables-nft 1.8.9 does.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=NFLOG")
public final class NflogTargetType extends DescribedExtension implements TargetType {
    static final Param<String> PREFIX = Param.of("--nflog-prefix", NflogPrefixType.INSTANCE).listed("nflog-prefix {q}")
            .help("text passed with the packet");
    static final Param<Long> GROUP = Param.of("--nflog-group", ParamTypes.uint(0, 65535)).listed("nflog-group {v}")
            .help("group number 0-65535 (default 0)");
    static final Param<Long> SIZE = Param.of("--nflog-size", ParamTypes.uint(0, 0xffffffffL)).listed("nflog-size {v}")
            .help("bytes of the packet to pass on");
    static final Param<Long> THRESHOLD = Param.of("--nflog-threshold", ParamTypes.uint(0, 65535)).listed("nflog-threshold {v}")
            .help("packets to batch (accepted; listeners are called at once)");
    static final Param<Long> RANGE = Param.of("--nflog-range", ParamTypes.uint(0, 0xffffffffL)).listed("nflog-range {v}")
            .help("obsolete, ignored: use --nflog-size");

    public NflogTargetType() {
        super(ExtensionDescriptor.target("NFLOG").ip().listing("")
                .params(PREFIX, GROUP, SIZE, THRESHOLD, RANGE)
                .help("NFLOG: pass the packet to in-process log listeners, then continue").build());
    }

    /**
     * The LOG ring ({@link LogQueue}): NFLOG's packets are also lines there, in LOG's format with the
     * rule's prefix, for {@code log [-f]} (as ulogd's LOGEMU would write them), under the same rate
     * limit; they are never delivered to the system log ({@link #RING_ONLY}), as the kernel's NFLOG never
     * reaches the kernel log.
     */
    private volatile LogRing ring;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setRing(LogRing r) {
        ring = r;
    }

    void unsetRing(LogRing r) {
        if (ring == r) {
            ring = null;
        }
    }

    /** The level of an NFLOG line in the ring: above syslog's 0-7, so the delivery leaves it to readers. */
    static final int RING_ONLY = 8;

    LogRing ring() {
        return ring;
    }

    /** One bound listener: the group it wants (-1: all). */
    record Entry(NflogListener listener, int group) {
    }

    private static final Entry[] NONE = new Entry[0];

    /** Copy-on-write: bind/unbind replace the array, the hot path only reads it. */
    private volatile Entry[] entries = NONE;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public synchronized void addListener(NflogListener l, Map<String, Object> props) {
        Object g = props == null ? null : props.get(NflogListener.GROUP);
        Entry[] e = Arrays.copyOf(entries, entries.length + 1);
        e[e.length - 1] = new Entry(l, g instanceof Number n ? n.intValue() : -1);
        entries = e;
    }

    public synchronized void removeListener(NflogListener l) {
        entries = Arrays.stream(entries).filter(e -> e.listener() != l).toArray(Entry[]::new);
    }

    Entry[] entries() {
        return entries;
    }

    @Override
    public Args canonicalize(Args args) {
        Args.Builder b = args.toBuilder().remove(RANGE);
        // 0 is the default for both, and iptables does not list defaults.
        if (args.has(GROUP) && args.get(GROUP) == 0) {
            b.remove(GROUP);
        }
        if (args.has(THRESHOLD) && args.get(THRESHOLD) == 0) {
            b.remove(THRESHOLD);
        }
        return b.build();
    }

    @Override
    public Target compile(Args args) {
        long size = args.has(SIZE) ? args.get(SIZE) : -1;
        return new NflogTarget(this, args.getOr(GROUP, 0L).intValue(), args.getOr(PREFIX, ""),
                size > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) size);
    }
}
