package org.pkttables.l3.arp.impl;


import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * arptables' MARK target: {@code --set-mark}, {@code --and-mark} or {@code --or-mark} with hexadecimal
 * values, kept as xt_MARK's value/mask (mark = (mark &amp; ~mask) ^ value) and listed the way arptables
 * prints that pair: {@code --and-mark %x} when the value is 0, {@code --set-mark %x} when the mask is
 * all ones, else {@code --or-mark %x} (so {@code -j MARK} alone lists as {@code --and-mark ffffffff}).
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=MARK")
public final class ArpMarkTargetType implements TargetType {
    static final Param<Long> SET = Param.of("--set-mark", hex()).help("value (hex): mark = value");
    static final Param<Long> AND = Param.of("--and-mark", hex()).help("bits (hex): mark &= bits");
    static final Param<Long> OR = Param.of("--or-mark", hex()).help("bits (hex): mark |= bits");

    private static final ExtensionDescriptor D = ExtensionDescriptor.target("MARK").families(Family.ARP)
            .params(SET, AND, OR).help("MARK: set the ARP packet's mark (non-terminating)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<Long> hex() {
        return ParamTypes.word("hex", w -> ArpHex.parse(w, 0xffffffffL, "Bad mark value `" + w + "'"),
                v -> Long.toHexString(v));
    }

    /** value and mask of xt_MARK for the given options. */
    private static long[] valueMask(Args a) {
        int n = (a.has(SET) ? 1 : 0) + (a.has(AND) ? 1 : 0) + (a.has(OR) ? 1 : 0);
        if (n > 1) {
            throw new IllegalArgumentException("MARK: only one of --set-mark, --and-mark, --or-mark");
        }
        if (a.has(SET)) {
            return new long[] { a.get(SET), 0xffffffffL };
        }
        if (a.has(AND)) {
            return new long[] { 0, ~a.get(AND) & 0xffffffffL };
        }
        if (a.has(OR)) {
            return new long[] { a.get(OR), a.get(OR) };
        }
        return new long[] { 0, 0 };
    }

    @Override
    public Args canonicalize(Args a) {
        long[] vm = valueMask(a);
        Args.Builder b = a.toBuilder().remove(SET).remove(AND).remove(OR);
        if (vm[0] == 0) {
            b.put(AND, ~vm[1] & 0xffffffffL);
        } else if (vm[1] == 0xffffffffL) {
            b.put(SET, vm[0]);
        } else {
            b.put(OR, vm[0]);
        }
        return b.build();
    }

    @Override
    public Target compile(Args a) {
        long[] vm = valueMask(a);
        int value = (int) vm[0];
        int mask = (int) vm[1];
        return p -> {
            p.setMark((p.mark() & ~mask) ^ value);
            return Verdict.CONTINUE;
        };
    }
}
