package org.pkttables.conntrack.impl.target;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.api.ext.ValueMask;
import org.pkttables.conntrack.PacketConntrack;

/**
 * The {@code CONNMARK} target (libxt_CONNMARK revision 1). Every way of setting the connection mark is
 * one operation {@code ctmark = (ctmark & ~mask) ^ value}, listed as {@code --set-xmark value/mask};
 * {@code --save-mark} and {@code --restore-mark} copy between packet and connection mark under
 * {@code --nfmask}/{@code --ctmask} ({@code --mask} sets both), listed with both masks as iptables does.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=CONNMARK")
public final class ConnmarkTargetType implements TargetType {
    private static final long ALL = ValueMask.ALL;

    static final Param<ValueMask> SET_XMARK = Param.of("--set-xmark", ParamTypes.valueMask32(true))
            .help("value[/mask]: clear the bits in mask of the connection mark, then xor value");
    static final Param<Boolean> SAVE = Param.of("--save-mark", ParamTypes.flag())
            .help("copy the packet mark (under --nfmask) into the connection mark (under --ctmask)");
    static final Param<Boolean> RESTORE = Param.of("--restore-mark", ParamTypes.flag())
            .help("copy the connection mark (under --ctmask) into the packet mark (under --nfmask)");
    static final Param<Long> NFMASK = Param.of("--nfmask", hex32()).help("mask on the packet mark");
    static final Param<Long> CTMASK = Param.of("--ctmask", hex32()).help("mask on the connection mark");
    static final Param<ValueMask> SET_MARK = Param.of("--set-mark", ParamTypes.valueMask32(true))
            .help("value[/mask]: clear the bits in mask, then or value");
    static final Param<Long> AND_MARK = Param.of("--and-mark", hex32()).help("bits: ctmark &= bits");
    static final Param<Long> OR_MARK = Param.of("--or-mark", hex32()).help("bits: ctmark |= bits");
    static final Param<Long> XOR_MARK = Param.of("--xor-mark", hex32()).help("bits: ctmark ^= bits");
    static final Param<Long> MASK = Param.of("--mask", hex32()).help("with --save-mark/--restore-mark: both masks");

    private static final List<Param<?>> SETTERS = List.of(SET_XMARK, SET_MARK, AND_MARK, OR_MARK, XOR_MARK);

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("CONNMARK")
            .families(Family.IPV4, Family.IPV6)
            .params(SET_XMARK, SAVE, RESTORE, NFMASK, CTMASK, SET_MARK, AND_MARK, OR_MARK, XOR_MARK, MASK)
            .exclusive(SET_XMARK, SET_MARK, SAVE, RESTORE, AND_MARK, OR_MARK, XOR_MARK)
            .listFormatter(ConnmarkTargetType::listing)
            .help("CONNMARK: set the connection's mark, or copy it to/from the packet mark (non-terminating)")
            .build();

    /** A 32-bit number listed in hex, as the CONNMARK masks are. */
    private static org.pkttables.api.ext.ParamType<Long> hex32() {
        return new org.pkttables.api.ext.ParamType<>("value", 1) {
            @Override
            public Long parse(List<String> words) {
                long v = org.pkttables.api.ext.CNumbers.parse(words.get(0), ALL);
                if (v < 0) {
                    throw new IllegalArgumentException("bad value \"" + words.get(0) + "\" (want 0-4294967295)");
                }
                return v;
            }

            @Override
            public List<String> format(Long v) {
                return List.of("0x" + Long.toHexString(v));
            }
        };
    }

    /**
     * {@code CONNMARK set 0x5}, {@code CONNMARK save mask 0xff}, {@code CONNMARK restore ctmask 0x1 nfmask ~0x2}:
     * connmark_tg_print of libxt_CONNMARK. Irregular (the masks' forms depend on each other), hence a
     * formatter; the set forms are the xmark listing of MARK.
     */
    private static String listing(Args a, org.pkttables.api.ext.ListContext ctx) {
        long[] op = op(a);
        if (op[0] == 0) {
            return " CONNMARK " + org.pkttables.api.ext.ParamTypes.xmark(32)
                    .listed(new ValueMask(op[1], op[2]), ctx).get(0);
        }
        String mode = op[0] == 1 ? "save" : "restore";
        long first = op[0] == 1 ? op[1] : op[2];
        long second = op[0] == 1 ? op[2] : op[1];
        if (op[1] == ALL && op[2] == ALL) {
            return " CONNMARK " + mode;
        }
        if (op[1] == op[2]) {
            return " CONNMARK " + mode + " mask 0x" + Long.toHexString(op[1]);
        }
        return " CONNMARK " + mode + (op[0] == 1 ? " nfmask 0x" : " ctmask 0x") + Long.toHexString(first)
                + (op[0] == 1 ? " ctmask ~0x" : " nfmask ~0x") + Long.toHexString(second);
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** What the rule does: {mode, value, mask} with mode 0 set, 1 save, 2 restore. */
    private static long[] op(Args a) {
        // (at most one operation: the descriptor's exclusions)
        int modes = (a.has(SAVE) ? 1 : 0) + (a.has(RESTORE) ? 1 : 0);
        Param<?> setter = null;
        for (Param<?> p : SETTERS) {
            if (a.has(p)) {
                setter = p;
            }
        }
        if (setter == null && modes == 0) {
            throw new ParameterProblem("CONNMARK: one of --set-xmark, --set-mark, --and-mark, --or-mark,"
                    + " --xor-mark, --save-mark, --restore-mark is required", "CONNMARK target: No operation specified");
        }
        if (setter != null) {
            if (a.has(NFMASK) || a.has(CTMASK) || a.has(MASK)) {
                throw new IllegalArgumentException("CONNMARK: --nfmask, --ctmask and --mask go with --save-mark"
                        + " or --restore-mark only");
            }
            if (setter == SET_XMARK) {
                ValueMask vm = a.get(SET_XMARK);
                return new long[] { 0, vm.value(), vm.mask() };
            }
            if (setter == SET_MARK) {
                ValueMask vm = a.get(SET_MARK);
                return new long[] { 0, vm.value(), vm.mask() | vm.value() };
            }
            if (setter == AND_MARK) {
                return new long[] { 0, 0, ~a.get(AND_MARK) & ALL };
            }
            if (setter == OR_MARK) {
                return new long[] { 0, a.get(OR_MARK), a.get(OR_MARK) };
            }
            return new long[] { 0, a.get(XOR_MARK), 0 };
        }
        if (a.has(MASK) && (a.has(NFMASK) || a.has(CTMASK))) {
            throw new IllegalArgumentException("CONNMARK: --mask cannot be combined with --nfmask or --ctmask");
        }
        long nf = a.has(MASK) ? a.get(MASK) : a.getOr(NFMASK, ALL);
        long ctm = a.has(MASK) ? a.get(MASK) : a.getOr(CTMASK, ALL);
        return new long[] { a.has(SAVE) ? 1 : 2, nf, ctm };
    }

    @Override
    public Args canonicalize(Args args) {
        long[] op = op(args);
        Args.Builder b = args.toBuilder();
        for (Param<?> p : List.of(SET_XMARK, SAVE, RESTORE, NFMASK, CTMASK, SET_MARK, AND_MARK, OR_MARK, XOR_MARK,
                MASK)) {
            b.remove(p);
        }
        if (op[0] == 0) {
            return b.put(SET_XMARK, new ValueMask(op[1], op[2])).build();
        }
        return b.put(op[0] == 1 ? SAVE : RESTORE, Boolean.TRUE).put(NFMASK, op[1]).put(CTMASK, op[2]).build();
    }

    @Override
    public Target compile(Args args) {
        long[] op = op(args);
        int mode = (int) op[0];
        int a1 = (int) op[1];
        int a2 = (int) op[2];
        return p -> {
            apply(p, mode, a1, a2);
            return Verdict.CONTINUE;
        };
    }

    private static void apply(PacketContext p, int mode, int a1, int a2) {
        Object o = p.conntrack();
        if (!(o instanceof PacketConntrack) || ((PacketConntrack) o).entryId() < 0) {
            return; // no connection: nothing to mark or restore from (as xt_CONNMARK)
        }
        PacketConntrack ct = (PacketConntrack) o;
        switch (mode) {
            case 0: // value a1, mask a2
                ct.setMark((ct.mark() & ~a2) ^ a1);
                break;
            case 1: // save: nfmask a1, ctmask a2
                ct.setMark((ct.mark() & ~a2) ^ (p.mark() & a1));
                break;
            default: // restore
                p.setMark((p.mark() & ~a1) ^ (ct.mark() & a2));
                break;
        }
    }
}
