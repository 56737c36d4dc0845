package org.pkttables.conntrack.impl.match;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.conntrack.impl.CtView;

/**
 * The {@code connbytes} match (libxt_connbytes): the packets, bytes or average packet size counted so far
 * on the packet's connection, in one direction or both, within a range; as xt_connbytes, a packet without a
 * connection never matches and the counters include the packet itself.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=connbytes")
public final class ConnbytesMatchType implements MatchType {
    static final Param<ConnbytesRange> CONNBYTES = Param.of("--connbytes", ConnbytesRange.TYPE).invertible().listed("{! }connbytes {v}")
            .mandatory().help("from[:to]: the counter lies in this range");
    static final Param<String> MODE = Param.of("--connbytes-mode",
            ParamTypes.choice("mode", "packets", "bytes", "avgpkt")).mandatory().listed("connbytes mode {v}")
            .help("what is counted: packets, bytes or avgpkt (bytes per packet)");
    static final Param<String> DIR = Param.of("--connbytes-dir",
            ParamTypes.choice("direction", "original", "reply", "both")).mandatory()
            .listed("connbytes direction {v}")
            .help("which direction's counters: original, reply or both");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("connbytes")
            .families(Family.IPV4, Family.IPV6).listing("").params(CONNBYTES, MODE, DIR)
            .help("connbytes match: packets/bytes transferred so far on the connection").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Args canonicalize(Args args) {
        for (Param<?> p : new Param<?>[] {CONNBYTES, DIR, MODE}) {
            if (!args.has(p)) {
                throw new IllegalArgumentException("connbytes: option \"" + p.option() + "\" must be specified");
            }
        }
        return args;
    }

    @Override
    public Match compile(Args args) {
        canonicalize(args);
        ConnbytesRange r = args.get(CONNBYTES);
        String mode = args.get(MODE);
        String dir = args.get(DIR);
        return new Compiled(r.from(), r.to(), args.inverted(CONNBYTES), mode.equals("packets") ? 0
                : mode.equals("bytes") ? 1 : 2, !dir.equals("reply"), !dir.equals("original"));
    }

    /** The compiled match; {@code what}: 0 packets, 1 bytes, 2 average size. */
    private record Compiled(long from, long to, boolean invert, int what, boolean orig, boolean reply)
            implements Match {
        @Override
        public boolean matches(PacketContext p) {
            CtView c = CtView.liveOf(p);
            if (c == null) {
                return false;
            }
            long pkts = (orig ? c.packets(false) : 0) + (reply ? c.packets(true) : 0);
            long bytes = (orig ? c.bytes(false) : 0) + (reply ? c.bytes(true) : 0);
            long v = what == 0 ? pkts : what == 1 ? bytes : pkts == 0 ? 0 : Long.divideUnsigned(bytes, pkts);
            // "! --connbytes from:to" is the kernel's swapped range: outside [from, to].
            boolean in = Long.compareUnsigned(v, from) >= 0 && Long.compareUnsigned(v, to) <= 0;
            return in != invert;
        }
    }
}
