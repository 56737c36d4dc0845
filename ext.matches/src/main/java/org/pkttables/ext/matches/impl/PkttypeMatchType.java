package org.pkttables.ext.matches.impl;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The {@code pkttype} match (libxt_pkttype). The kernel reads the type the driver gave the frame;
 * here it is derived from the packet itself (see {@link PkttypeMatch}).
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=pkttype")
public final class PkttypeMatchType extends DescribedExtension implements MatchType {
    private static final String[] NAMES = {"unicast", "broadcast", "multicast", "otherhost"};

    static final Param<Integer> PKT_TYPE = Param.of("--pkt-type", ParamTypes.choice("packet type", names(),
            v -> NAMES[v])).invertible().mandatory().listed("PKTTYPE {!}= {v}").help("unicast|broadcast|multicast|otherhost (host = unicast)");

    public PkttypeMatchType() {
        super(ExtensionDescriptor.match("pkttype").ip().listing("")
                .params(PKT_TYPE).help("pkttype match: link-layer packet type").build());
    }

    private static Map<String, Integer> names() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("unicast", PkttypeMatch.UNICAST);
        m.put("broadcast", PkttypeMatch.BROADCAST);
        m.put("multicast", PkttypeMatch.MULTICAST);
        m.put("otherhost", PkttypeMatch.OTHERHOST);
        m.put("host", PkttypeMatch.UNICAST);
        return m;
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(PKT_TYPE)) {
            throw new IllegalArgumentException("option --pkt-type must be specified");
        }
        return new PkttypeMatch(args.get(PKT_TYPE), args.inverted(PKT_TYPE));
    }
}
