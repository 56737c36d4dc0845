package org.pkttables.conntrack.impl.match;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.conntrack.PacketConntrack;

/**
 * The {@code helper} match (xt_helper): the packet belongs to a connection expected by a helper of
 * that name — the data connection of an FTP session for {@code --helper ftp}. As in the kernel, an
 * empty name matches any helper, and a packet without such a master matches only when negated.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=helper")
public final class HelperMatchType implements MatchType {
    static final Param<String> HELPER = Param.of("--helper", ParamTypes.string(29)).invertible().mandatory().listed("helper match {! }\"{v}\"")
            .help("name: the helper (e.g. ftp) whose expectation created the packet's connection");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("helper")
            .families(Family.IPV4, Family.IPV6).listing("").params(HELPER)
            .help("helper match: connections related to a helped one (CT --helper in the raw table)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        String name = args.get(HELPER);
        boolean inv = args.inverted(HELPER);
        return p -> {
            Object ct = p.conntrack();
            if (!(ct instanceof PacketConntrack)) {
                return inv;
            }
            String master = ((PacketConntrack) ct).masterHelper();
            if (master == null) {
                return inv;
            }
            return (name.isEmpty() || name.equals(master)) != inv;
        };
    }
}
