package org.pkttables.conntrack.impl.target;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * {@code CT} (raw table). {@code --notrack} and {@code --helper} are done (the helper is resolved by
 * name when a connection starts, so a rule may name a helper bundle deployed later); zones, event masks
 * and timeout policies are parsed and listed like iptables but refused at compile time with a message
 * saying so, rather than accepted and silently ignored.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=CT")
public final class CtTargetType implements TargetType {
    static final Param<Boolean> NOTRACK = Param.of("--notrack", ParamTypes.flag()).help("do not track the packet");
    static final Param<String> HELPER = Param.of("--helper", ParamTypes.string(15)).help("attach this conntrack helper (e.g. ftp) to new connections");
    static final Param<String> TIMEOUT = Param.of("--timeout", ParamTypes.string(31)).help("timeout policy (not yet)");
    static final Param<String> CTEVENTS = Param.of("--ctevents", ParamTypes.string(128)).help("event mask (not yet)");
    static final Param<String> EXPEVENTS = Param.of("--expevents", ParamTypes.string(128)).help("expectation events (not yet)");
    static final Param<Long> ZONE = Param.of("--zone", ParamTypes.uint(0, 65535)).help("conntrack zone (not yet)");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("CT")
            .families(Family.IPV4, Family.IPV6).tables("raw").hooks(Hook.PREROUTING, Hook.OUTPUT)
            .params(NOTRACK, HELPER, TIMEOUT, CTEVENTS, EXPEVENTS, ZONE)
            .help("CT: connection tracking settings for the packet; raw table only").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args args) {
        for (Param<?> p : new Param<?>[] { TIMEOUT, CTEVENTS, EXPEVENTS, ZONE }) {
            if (args.has(p)) {
                throw new IllegalArgumentException("CT " + p.option() + " is not supported yet (only --notrack and --helper)");
            }
        }
        if (args.has(HELPER) && !args.has(NOTRACK)) { // with --notrack the kernel ignores the rest
            if (args.protocol() <= 0) {
                // the kernel finds a helper by name AND layer-4 protocol: without -p it refuses the rule
                throw new IllegalArgumentException("CT --helper " + args.get(HELPER)
                        + " needs the rule's protocol (-p tcp or -p udp), as the kernel's helper lookup does");
            }
            org.pkttables.conntrack.impl.helper.CtTemplate template =
                    new org.pkttables.conntrack.impl.helper.CtTemplate(args.get(HELPER));
            return p -> {
                if (p.conntrack() == null) {
                    p.setConntrack(template);
                }
                return org.pkttables.api.Verdict.CONTINUE;
            };
        }
        // A bare `-j CT` is accepted by iptables and changes nothing: so here.
        return args.has(NOTRACK) ? NotrackTargetType.UNTRACK : p -> org.pkttables.api.Verdict.CONTINUE;
    }
}
