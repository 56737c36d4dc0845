package org.pkttables.conntrack.impl.target;

import org.pkttables.api.ext.KernelRefusal;
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
    static final Param<Boolean> NOTRACK = Param.of("--notrack", ParamTypes.flag()).listed("notrack").help("do not track the packet");
    static final Param<String> HELPER = Param.of("--helper", ParamTypes.string(15)).listed("helper {v}").help("attach this conntrack helper (e.g. ftp) to new connections");
    static final Param<String> TIMEOUT = Param.of("--timeout", ParamTypes.string(31)).listed("timeout {v}").help("timeout policy (not yet)");
    static final Param<Integer> CTEVENTS = Param.of("--ctevents", CtEvents.type()).listed("ctevents {v}")
            .help("events the connection reports to listeners (conntrack -E, the session log)");
    static final Param<Integer> EXPEVENTS = Param.of("--expevents", new EventMask("new", "new")).listed("expevents {v}")
            .help("expectation events the connection's helper reports (new)");
    static final Param<Long> ZONE = Param.of("--zone", ParamTypes.uint(0, 65535)).listed("zone {v}").help("put new connections in this zone: a separate tuple space, as for overlapping networks");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("CT")
            .families(Family.IPV4, Family.IPV6).tables("raw").hooks(Hook.PREROUTING, Hook.OUTPUT)
            .listing("CT").params(NOTRACK, HELPER, TIMEOUT, CTEVENTS, EXPEVENTS, ZONE)
            .help("CT: connection tracking settings for the packet; raw table only").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** {@code --zone 0} is the default zone: iptables lists the rule as a bare {@code -j CT}. */
    @Override
    public Args canonicalize(Args args) {
        if (args.has(ZONE) && args.get(ZONE) == 0L) {
            return args.toBuilder().remove(ZONE).build();
        }
        return args;
    }

    @Override
    public Target compile(Args args) {
        for (Param<?> p : new Param<?>[] { TIMEOUT }) {
            if (args.has(p)) {
                throw new IllegalArgumentException("CT " + p.option() + " is not supported yet (timeout policies need nfct objects)");
            }
        }
        boolean helper = args.has(HELPER) && !args.has(NOTRACK); // with --notrack the kernel ignores the rest
        int zone = args.has(ZONE) && !args.has(NOTRACK) ? args.get(ZONE).intValue() : 0;
        int events = args.has(CTEVENTS) && !args.has(NOTRACK) ? args.get(CTEVENTS) : -1;
        int expEvents = args.has(EXPEVENTS) && !args.has(NOTRACK) ? args.get(EXPEVENTS) : -1;
        if (events != -1 || expEvents != -1) {
            // as the kernel's event cache: once a rule names one mask, the other one is empty
            events = events == -1 ? 0 : events;
            expEvents = expEvents == -1 ? 0 : expEvents;
        }
        if (helper || zone != 0 || events != -1 || expEvents != -1) {
            if (helper && args.protocol() <= 0) {
                // the kernel finds a helper by name AND layer-4 protocol: without -p it refuses the rule
                throw new KernelRefusal("CT --helper " + args.get(HELPER)
                        + " needs the rule's protocol (-p tcp or -p udp), as the kernel's helper lookup does",
                        KernelRefusal.NO_SUCH_FILE);
            }
            org.pkttables.conntrack.impl.helper.CtTemplate template =
                    new org.pkttables.conntrack.impl.helper.CtTemplate(helper ? args.get(HELPER) : null, zone, events, expEvents);
            return p -> {
                Object c = p.conntrack();
                if (c == null || c instanceof org.pkttables.conntrack.impl.helper.CtTemplate) {
                    p.setConntrack(template); // as the kernel's CT target: the last template wins
                }
                return org.pkttables.api.Verdict.CONTINUE;
            };
        }
        // A bare `-j CT` is accepted by iptables and changes nothing: so here.
        return args.has(NOTRACK) ? NotrackTargetType.UNTRACK : p -> org.pkttables.api.Verdict.CONTINUE;
    }
}
