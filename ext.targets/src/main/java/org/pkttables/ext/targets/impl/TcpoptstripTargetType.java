package org.pkttables.ext.targets.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/** The {@code TCPOPTSTRIP} target (libxt_TCPOPTSTRIP): overwrite chosen TCP options with NOPs (mangle table). */
@Component(service = TargetType.class, property = TargetType.NAME + "=TCPOPTSTRIP")
public final class TcpoptstripTargetType extends DescribedExtension implements TargetType {
    static final Param<TcpOptionSet> STRIP = Param.of("--strip-options", TcpOptionSetType.INSTANCE).listed("TCPOPTSTRIP options {v}")
            .help("option[,option]...: kinds 2-255 or mss, wscale, sack-permitted, sack, timestamp, md5");

    public TcpoptstripTargetType() {
        super(ExtensionDescriptor.target("TCPOPTSTRIP").ip()
                .tables("mangle").listing("").params(STRIP).help("TCPOPTSTRIP: remove TCP options (non-terminating)").build());
    }

    @Override
    public Target compile(Args args) {
        if (args.protocol() != 6 || args.protocolInverted()) {
            throw new KernelRefusal("TCPOPTSTRIP needs \"-p tcp\"");
        }
        return new TcpoptstripTarget(args.getOr(STRIP, TcpOptionSet.EMPTY));
    }
}
