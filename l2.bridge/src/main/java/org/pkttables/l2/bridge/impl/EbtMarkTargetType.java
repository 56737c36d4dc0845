package org.pkttables.l2.bridge.impl;


import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/** ebtables' mark target: sets, ORs, ANDs or XORs the frame's mark, then gives {@code --mark-target} (ACCEPT). */
@Component(service = TargetType.class, property = TargetType.NAME + "=mark")
public final class EbtMarkTargetType implements TargetType {
    static final Param<Long> SET = Param.of("--mark-set", hex()).alias("--set-mark").help("set the mark to VALUE");
    static final Param<Long> OR = Param.of("--mark-or", hex()).help("OR the mark with VALUE");
    static final Param<Long> AND = Param.of("--mark-and", hex()).help("AND the mark with VALUE");
    static final Param<Long> XOR = Param.of("--mark-xor", hex()).help("XOR the mark with VALUE");
    static final Param<Integer> TARGET = Param.of("--mark-target", SubTarget.type())
            .help("verdict after marking: ACCEPT (default), DROP, CONTINUE, RETURN");

    private static final ExtensionDescriptor D = ExtensionDescriptor.target("mark").families(Family.BRIDGE)
            .params(SET, OR, AND, XOR, TARGET).help("mark: change the frame's mark").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<Long> hex() {
        return ParamTypes.word("value", w -> EbtMarkMatchType.number(w, w), v -> "0x" + Long.toHexString(v));
    }

    /** ebtables always lists the verdict. */
    @Override
    public Args canonicalize(Args args) {
        return SubTarget.listed(args, TARGET);
    }

    @Override
    public Target compile(Args a) {
        int ops = (a.has(SET) ? 1 : 0) + (a.has(OR) ? 1 : 0) + (a.has(AND) ? 1 : 0) + (a.has(XOR) ? 1 : 0);
        if (ops != 1) {
            throw new IllegalArgumentException("give exactly one of --mark-set, --mark-or, --mark-and, --mark-xor");
        }
        int verdict = SubTarget.verdict(a, TARGET);
        if (a.has(SET)) {
            int v = a.get(SET).intValue();
            return p -> {
                p.setMark(v);
                return verdict;
            };
        }
        if (a.has(OR)) {
            int v = a.get(OR).intValue();
            return p -> {
                p.setMark(p.mark() | v);
                return verdict;
            };
        }
        if (a.has(AND)) {
            int v = a.get(AND).intValue();
            return p -> {
                p.setMark(p.mark() & v);
                return verdict;
            };
        }
        int v = a.get(XOR).intValue();
        return p -> {
            p.setMark(p.mark() ^ v);
            return verdict;
        };
    }
}
