package org.pkttables.ext.ipset.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * The {@code set} match (libxt_set revision 4): {@code [!] --match-set NAME src|dst[,...]}, {@code
 * --return-nomatch}, {@code ! --update-counters}, {@code ! --update-subcounters} and the counter
 * conditions {@code [!] --packets-eq N}, {@code --packets-lt N}, {@code --packets-gt N} (and bytes).
 * Parameters are in the order iptables lists them.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=set")
public final class SetMatchType extends DescribedExtension implements MatchType {
    static final Param<SetArg> MATCH_SET = Param.of("--match-set", SetArg.TYPE).alias("--set").invertible()
            .mandatory().listed("{! }match-set {v}").help("setname flags: match the packet's src/dst fields (per dimension) against the set");
    static final Param<Boolean> RETURN_NOMATCH = Param.of("--return-nomatch", ParamTypes.flag())
            .listed("return-nomatch").help("match the set's nomatch entries (and not its other entries)");
    static final Param<Boolean> UPDATE_COUNTERS = Param.of("--update-counters", ParamTypes.flag()).invertible()
            .listed("{! }update-counters").help("! --update-counters: leave the matching entry's counters alone");
    static final Param<Boolean> UPDATE_SUBCOUNTERS = Param.of("--update-subcounters", ParamTypes.flag())
            .invertible().listed("{! }update-subcounters").help("! --update-subcounters: leave the counters of a list:set's member sets alone");
    static final Param<Long> PACKETS_EQ = counter("packets", "packet", "eq", "equal to");
    static final Param<Long> PACKETS_LT = counter("packets", "packet", "lt", "less than");
    static final Param<Long> PACKETS_GT = counter("packets", "packet", "gt", "greater than");
    static final Param<Long> BYTES_EQ = counter("bytes", "byte", "eq", "equal to");
    static final Param<Long> BYTES_LT = counter("bytes", "byte", "lt", "less than");
    static final Param<Long> BYTES_GT = counter("bytes", "byte", "gt", "greater than");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("set").ip().listing("")
            .params(MATCH_SET, RETURN_NOMATCH, UPDATE_COUNTERS, UPDATE_SUBCOUNTERS, PACKETS_EQ, PACKETS_LT,
                    PACKETS_GT, BYTES_EQ, BYTES_LT, BYTES_GT)
            .help("set match: the packet's addresses, ports, MACs or interfaces are in an IP set").build();

    /** {@code --packets-eq} and its kin: a test of the matching entry's counter; only {@code -eq} inverts. */
    private static Param<Long> counter(String counter, String unit, String test, String meaning) {
        String option = counter + "-" + test;
        boolean eq = test.equals("eq");
        Param<Long> p = Param.of("--" + option, CounterValue.INSTANCE);
        return (eq ? p.invertible() : p).listed((eq ? "{! }" : "") + option + " {v}")
                .help((eq ? "[!] " : "") + "entry " + unit + " counter " + meaning + " value");
    }

    private final SetRegistry sets;

    @Activate
    public SetMatchType(@Reference SetRegistry sets) {
        super(DESCRIPTOR);
        this.sets = sets;
    }

    /** {@code --update-counters} and {@code --update-subcounters} are the default: listed only negated. */
    @Override
    public Args canonicalize(Args args) {
        Args.Builder b = args.toBuilder();
        if (args.has(UPDATE_COUNTERS) && !args.inverted(UPDATE_COUNTERS)) {
            b.remove(UPDATE_COUNTERS);
        }
        if (args.has(UPDATE_SUBCOUNTERS) && !args.inverted(UPDATE_SUBCOUNTERS)) {
            b.remove(UPDATE_SUBCOUNTERS);
        }
        return b.build();
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(MATCH_SET)) {
            throw new IllegalArgumentException("You must specify `--match-set' with proper arguments");
        }
        SetArg set = args.get(MATCH_SET);
        SetSlot slot = resolve(sets, set.name(), args.family());
        int packetsOp = op(args, PACKETS_EQ, PACKETS_LT, PACKETS_GT, "packets");
        int bytesOp = op(args, BYTES_EQ, BYTES_LT, BYTES_GT, "bytes");
        long packets = value(args, PACKETS_EQ, PACKETS_LT, PACKETS_GT);
        long bytes = value(args, BYTES_EQ, BYTES_LT, BYTES_GT);
        boolean update = !(args.has(UPDATE_COUNTERS) && args.inverted(UPDATE_COUNTERS));
        boolean updateSub = !(args.has(UPDATE_SUBCOUNTERS) && args.inverted(UPDATE_SUBCOUNTERS));
        SetLookup spec = new SetLookup(set.dims(), set.srcBits(), update, updateSub, packetsOp, packets, bytesOp,
                bytes);
        return new SetMatch(slot, spec, args.inverted(MATCH_SET), args.has(RETURN_NOMATCH));
    }

    /** The slot of a set a rule names; the rule is refused when there is none or its family differs. */
    static SetSlot resolve(SetRegistry sets, String name, Family family) {
        SetSlot slot = sets.slot(name);
        if (slot == null) {
            throw new IllegalArgumentException("Set " + name + " doesn't exist.");
        }
        Family f = slot.contents().family();
        if (f != null && family != null && f != family) {
            throw new IllegalArgumentException("The protocol family of set " + name + " is "
                    + (f == Family.IPV6 ? "IPv6" : "IPv4") + ", which is not applicable.");
        }
        return slot;
    }

    private static int op(Args a, Param<Long> eq, Param<Long> lt, Param<Long> gt, String what) {
        int n = (a.has(eq) ? 1 : 0) + (a.has(lt) ? 1 : 0) + (a.has(gt) ? 1 : 0);
        if (n > 1) {
            throw new IllegalArgumentException("only one of the --" + what + "-[eq|lt|gt] is allowed");
        }
        if (a.has(eq)) {
            return a.inverted(eq) ? SetLookup.OP_NE : SetLookup.OP_EQ;
        }
        return a.has(lt) ? SetLookup.OP_LT : a.has(gt) ? SetLookup.OP_GT : SetLookup.OP_NONE;
    }

    private static long value(Args a, Param<Long> eq, Param<Long> lt, Param<Long> gt) {
        return a.has(eq) ? a.get(eq) : a.has(lt) ? a.get(lt) : a.has(gt) ? a.get(gt) : 0;
    }
}
