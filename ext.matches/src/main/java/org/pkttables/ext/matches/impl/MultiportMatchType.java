package org.pkttables.ext.matches.impl;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;

/** The {@code multiport} match (libxt_multiport revision 1): up to 15 ports or ranges. */
@Component(service = MatchType.class, property = MatchType.NAME + "=multiport")
public final class MultiportMatchType extends DescribedExtension implements MatchType {
    static final Param<PortList> SPORTS = Param.of("--sports", PortListType.INSTANCE).alias("--source-ports")
            .invertible().listed("sports { !}{v}").help("source ports: port[,port|,port:port]...");
    static final Param<PortList> DPORTS = Param.of("--dports", PortListType.INSTANCE)
            .alias("--destination-ports").invertible().listed("dports { !}{v}").help("destination ports");
    static final Param<PortList> PORTS = Param.of("--ports", PortListType.INSTANCE).invertible().listed("ports { !}{v}")
            .help("source or destination ports");

    public MultiportMatchType() {
        super(ExtensionDescriptor.match("multiport").ip().listing("multiport")
                .params(SPORTS, DPORTS, PORTS)
                .help("multiport match: up to 15 ports or port ranges (-p tcp, udp, udplite, sctp or dccp)").build());
    }

    @Override
    public Match compile(Args args) {
        int proto = args.protocol();
        if (args.protocolInverted() || !(proto == 6 || proto == 17 || proto == 33 || proto == 132 || proto == 136)) {
            throw new IllegalArgumentException("multiport needs \"-p tcp\", \"-p udp\", \"-p udplite\","
                    + " \"-p sctp\" or \"-p dccp\"");
        }
        Param<PortList> given = null;
        for (Param<PortList> p : java.util.List.of(SPORTS, DPORTS, PORTS)) {
            if (args.has(p)) {
                if (given != null) {
                    throw new IllegalArgumentException("only one of --sports, --dports, --ports may be given");
                }
                given = p;
            }
        }
        if (given == null) {
            throw new IllegalArgumentException("one of --sports, --dports or --ports is required");
        }
        int mode = given == SPORTS ? MultiportMatch.SOURCE : given == DPORTS ? MultiportMatch.DEST
                : MultiportMatch.EITHER;
        return new MultiportMatch(args.get(given), mode, args.inverted(given));
    }
}
