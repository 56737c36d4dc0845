package org.pkttables.io.workers;

import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/** {@code -m throwing --at N}: throws for TCP/UDP packets to port N and matches every other packet. */
public final class ThrowingDport implements MatchType {
    static final Param<Long> AT = Param.of("--at", ParamTypes.uint(0, 65535)).mandatory();

    @Override
    public ExtensionDescriptor descriptor() {
        return ExtensionDescriptor.match("throwing").families(Family.IPV4, Family.IPV6).params(AT).build();
    }

    @Override
    public Match compile(Args a) {
        int at = (int) (long) a.get(AT);
        return p -> {
            if (p.l4Offset() >= 0 && p.u16(p.l4Offset() + 2) == at) {
                throw new IllegalStateException("throwing match at port " + at);
            }
            return true;
        };
    }
}
