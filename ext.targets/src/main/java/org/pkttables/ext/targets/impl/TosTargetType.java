package org.pkttables.ext.targets.impl;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.api.ext.ValueMask;

/**
 * The {@code TOS} target (libxt_TOS revision 1): {@code tos = (tos & ~mask) ^ value}; every form is
 * listed as {@code --set-tos value/mask} like iptables does (mangle table).
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=TOS")
public final class TosTargetType implements TargetType {
    static final Param<ValueMask> SET = Param.of("--set-tos", ParamTypes.tos())
            .help("value[/mask] or a symbolic name: clear the mask bits, then xor the value");
    static final Param<Long> AND = Param.of("--and-tos", ParamTypes.uint(0, 255)).help("bits: tos &= bits");
    static final Param<Long> OR = Param.of("--or-tos", ParamTypes.uint(0, 255)).help("bits: tos |= bits");
    static final Param<Long> XOR = Param.of("--xor-tos", ParamTypes.uint(0, 255)).help("bits: tos ^= bits");

    private static final List<Param<?>> ALL = List.of(SET, AND, OR, XOR);

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("TOS").ip().tables("mangle")
            .params(SET, AND, OR, XOR).help("TOS: change the type of service / traffic class (non-terminating)")
            .build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Args canonicalize(Args args) {
        ValueMask vm = valueMask(args);
        Args.Builder b = args.toBuilder();
        for (Param<?> p : ALL) {
            b.remove(p);
        }
        return b.put(SET, vm).build();
    }

    private static ValueMask valueMask(Args args) {
        Param<?> given = null;
        for (Param<?> p : ALL) {
            if (args.has(p)) {
                if (given != null) {
                    throw new IllegalArgumentException(given + " cannot be used together with " + p);
                }
                given = p;
            }
        }
        if (given == null) {
            throw new IllegalArgumentException("one of --set-tos, --and-tos, --or-tos, --xor-tos is required");
        }
        if (given == SET) {
            return args.get(SET);
        }
        if (given == AND) {
            return new ValueMask(0, ~args.get(AND) & 0xff);
        }
        if (given == OR) {
            return new ValueMask(args.get(OR), args.get(OR));
        }
        return new ValueMask(args.get(XOR), 0);
    }

    @Override
    public Target compile(Args args) {
        ValueMask vm = valueMask(args);
        return new TosTarget(args.family() == Family.IPV6, (int) vm.value(), (int) vm.mask());
    }
}
