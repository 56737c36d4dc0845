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
 * The {@code TOS} target (libxt_TOS revision 1): {@code tos = (tos & ~mask) ^ value}; every form is
 * listed as {@code --set-tos value/mask} like iptables does (mangle table).
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=TOS")
public final class TosTargetType extends DescribedExtension implements TargetType {
    static final Param<ValueMask> SET = Param.of("--set-tos", ParamTypes.tos())
            .help("value[/mask] or a symbolic name: clear the mask bits, then xor the value");
    static final Param<Long> AND = Param.of("--and-tos", ParamTypes.uint(0, 255)).help("bits: tos &= bits");
    static final Param<Long> OR = Param.of("--or-tos", ParamTypes.uint(0, 255)).help("bits: tos |= bits");
    static final Param<Long> XOR = Param.of("--xor-tos", ParamTypes.uint(0, 255)).help("bits: tos ^= bits");

    private static final List<Param<?>> ALL = List.of(SET, AND, OR, XOR);

    public TosTargetType() {
        super(ExtensionDescriptor.target("TOS").ip().tables("mangle")
                .params(SET, AND, OR, XOR).exclusive(SET, AND, OR, XOR).listFormatter(TosTargetType::listing).help("TOS: change the type of service / traffic class (non-terminating)")
                .build());
    }

    /**
     * tos_tg_print of libxt_TOS: {@code TOS set 0x1f/0xff} under {@code -n}; else the RFC 1349 name glued to
     * {@code set} where the mask is 0x3f ({@code TOS setMinimize-Delay}, after two blanks, as the tool prints
     * it), or the operation ({@code and}, {@code or}, {@code xor}, {@code set}). Irregular, hence a formatter.
     */
    private static String listing(Args a, org.pkttables.api.ext.ListContext ctx) {
        ValueMask vm = a.get(SET);
        long v = vm.value();
        long m = vm.mask();
        String name = m == 0x3f ? ParamTypes.tosName(v) : null;
        if (ctx.numeric() || (name == null && v != 0 && v != m && m != 0)) {
            return String.format(java.util.Locale.ROOT, " TOS set 0x%02x/0x%02x", v, m);
        }
        if (name != null) {
            return "  TOS set" + name;
        }
        if (v == 0) {
            return String.format(java.util.Locale.ROOT, " TOS and 0x%02x", ~m & 0xff);
        }
        return String.format(java.util.Locale.ROOT, v == m ? " TOS or 0x%02x" : " TOS xor 0x%02x", v);
    }

    @Override
    public Args canonicalize(Args args) {
        return XorForms.canonical(args, ALL, SET, valueMask(args));
    }

    private static ValueMask valueMask(Args args) {
        Param<?> given = XorForms.given(args, ALL, "", "one of --set-tos, --and-tos, --or-tos, --xor-tos is required",
                "TOS: An action is required");
        if (given == SET) {
            return args.get(SET);
        }
        if (given == AND) {
            return XorForms.and(args.get(AND), 0xff);
        }
        if (given == OR) {
            return XorForms.or(args.get(OR));
        }
        return XorForms.xor(args.get(XOR));
    }

    @Override
    public Target compile(Args args) {
        ValueMask vm = valueMask(args);
        return new TosTarget(args.family() == Family.IPV6, (int) vm.value(), (int) vm.mask());
    }
}
