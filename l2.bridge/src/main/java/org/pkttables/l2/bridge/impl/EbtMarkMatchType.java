package org.pkttables.l2.bridge.impl;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;

/**
 * ebtables' mark_m match: {@code --mark value[/mask]} is true when (mark &amp; mask) == value;
 * {@code --mark /mask} when (mark &amp; mask) != 0 (ebt_mark_m's AND and OR modes).
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=mark_m")
public final class EbtMarkMatchType implements MatchType {
    /** value, mask, and whether it was the mask-only (OR) form. */
    record MarkSpec(long value, long mask, boolean or) {
    }

    static final Param<MarkSpec> MARK = Param.of("--mark", type()).invertible()
            .help("[value][/mask]: (mark & mask) == value, or with only /mask: (mark & mask) != 0");

    private static final ExtensionDescriptor D = ExtensionDescriptor.match("mark_m").families(Family.BRIDGE)
            .params(MARK).help("mark_m: the frame's mark").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return D;
    }

    private static ParamType<MarkSpec> type() {
        return new ParamType<>("[value][/mask]", 1) {
            @Override
            public MarkSpec parse(List<String> words) {
                String w = words.get(0);
                int slash = w.indexOf('/');
                if (slash == 0) {
                    return new MarkSpec(0, number(w.substring(1), w), true);
                }
                long v = number(slash < 0 ? w : w.substring(0, slash), w);
                long m = slash < 0 ? 0xffffffffL : number(w.substring(slash + 1), w);
                return new MarkSpec(v, m, false);
            }

            @Override
            public List<String> format(MarkSpec s) {
                if (s.or()) {
                    return List.of("/0x" + Long.toHexString(s.mask()));
                }
                String v = "0x" + Long.toHexString(s.value());
                return List.of(s.mask() == 0xffffffffL ? v : v + "/0x" + Long.toHexString(s.mask()));
            }
        };
    }

    static long number(String s, String whole) {
        try {
            long v = Long.decode(s);
            if (v < 0 || v > 0xffffffffL) {
                throw new IllegalArgumentException("Bad mark value '" + whole + "'");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad mark value '" + whole + "'", e);
        }
    }

    @Override
    public Match compile(Args a) {
        MarkSpec s = a.get(MARK);
        if (s == null) {
            throw new IllegalArgumentException("--mark must be specified");
        }
        boolean inv = a.inverted(MARK);
        int value = (int) s.value();
        int mask = (int) s.mask();
        if (s.or()) {
            return p -> ((p.mark() & mask) != 0) != inv;
        }
        return p -> ((p.mark() & mask) == value) != inv;
    }
}
