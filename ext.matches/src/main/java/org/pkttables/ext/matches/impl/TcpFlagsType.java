package org.pkttables.ext.matches.impl;

import java.util.List;

import org.pkttables.api.ext.ListContext;
import org.pkttables.api.ext.ParamType;

/** The two words of {@code --tcp-flags MASK COMP}, listed with flags in bit order like iptables. */
final class TcpFlagsType extends ParamType<TcpFlagsSpec> {
    static final TcpFlagsType INSTANCE = new TcpFlagsType();

    private TcpFlagsType() {
        super("mask comp", 2);
    }

    @Override
    public TcpFlagsSpec parse(List<String> words) {
        return new TcpFlagsSpec(TcpFlags.parse(words.get(0)), TcpFlags.parse(words.get(1)));
    }

    @Override
    public List<String> format(TcpFlagsSpec v) {
        return List.of(TcpFlags.format(v.mask()), TcpFlags.format(v.comp()));
    }

    /** {@code FIN,SYN,RST,ACK/SYN}, under {@code -n} {@code 0x17/0x02}: print_flags of libxt_tcp. */
    @Override
    public List<String> listed(TcpFlagsSpec v, ListContext ctx) {
        return List.of(ctx.numeric() ? String.format(java.util.Locale.ROOT, "0x%02X/0x%02X", v.mask(), v.comp())
                : TcpFlags.format(v.mask()) + "/" + TcpFlags.format(v.comp()));
    }

    @Override
    public List<String> validValues() {
        return List.of("SYN", "ACK", "FIN", "RST", "URG", "PSH", "ALL", "NONE");
    }
}
