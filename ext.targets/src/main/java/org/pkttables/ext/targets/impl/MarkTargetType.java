package org.pkttables.ext.targets.impl;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.api.ext.ValueMask;

/**
 * The {@code MARK} target (libxt_MARK revision 2). Every form is one operation {@code mark = (mark &
 * ~mask) ^ value}, so all of them are listed as {@code --set-xmark value/mask}, like iptables does.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=MARK")
public final class MarkTargetType extends DescribedExtension implements TargetType {
    static final Param<ValueMask> SET_XMARK = Param.of("--set-xmark", ParamTypes.xmark(32)).listed("MARK {v}")
            .help("value[/mask]: clear the bits in mask, then xor value");
    static final Param<ValueMask> SET_MARK = Param.of("--set-mark", ParamTypes.valueMask32(true))
            .help("value[/mask]: clear the bits in mask, then or value");
    static final Param<Long> AND_MARK = Param.of("--and-mark", MarkBitsType.INSTANCE).help("bits: mark &= bits");
    static final Param<Long> OR_MARK = Param.of("--or-mark", MarkBitsType.INSTANCE).help("bits: mark |= bits");
    static final Param<Long> XOR_MARK = Param.of("--xor-mark", MarkBitsType.INSTANCE).help("bits: mark ^= bits");

    private static final List<Param<?>> ALL = List.of(SET_XMARK, SET_MARK, AND_MARK, OR_MARK, XOR_MARK);

    public MarkTargetType() {
        super(ExtensionDescriptor.target("MARK")
                .families(Family.IPV4, Family.IPV6, Family.BRIDGE)
                .listing("").params(SET_XMARK, SET_MARK, AND_MARK, OR_MARK, XOR_MARK)
                .exclusive(SET_XMARK, SET_MARK, AND_MARK, OR_MARK, XOR_MARK)
                .help("MARK: set the packet's firewall mark (non-terminating)").build());
    }

    @Override
    public Args canonicalize(Args args) {
        return XorForms.canonical(args, ALL, SET_XMARK, toXmark(args));
    }

    @Override
    public Target compile(Args args) {
        ValueMask x = toXmark(args);
        return new MarkTarget((int) x.value(), (int) x.mask());
    }

    /** The (value, mask) pair of whichever single option was given, as libxt_MARK computes it. */
    private static ValueMask toXmark(Args args) {
        Param<?> given = XorForms.given(args, ALL, "MARK: ", "MARK: one of --set-xmark, --set-mark, --and-mark,"
                + " --or-mark, --xor-mark is required",
                "MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
        if (given == SET_XMARK) {
            return args.get(SET_XMARK);
        }
        if (given == SET_MARK) {
            ValueMask vm = args.get(SET_MARK);
            // Clearing the value's own bits too makes the xor act as an or.
            return new ValueMask(vm.value(), vm.value() | vm.mask());
        }
        if (given == AND_MARK) {
            return XorForms.and(args.get(AND_MARK), ValueMask.ALL);
        }
        if (given == OR_MARK) {
            return XorForms.or(args.get(OR_MARK));
        }
        return XorForms.xor(args.get(XOR_MARK));
    }
}
