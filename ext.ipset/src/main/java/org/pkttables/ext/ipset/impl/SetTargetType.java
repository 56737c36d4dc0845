package org.pkttables.ext.ipset.impl;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * The {@code SET} target (libxt_SET revision 3): {@code --add-set NAME flags [--exist] [--timeout N]}
 * and {@code --del-set NAME flags}; the packet goes on to the next rule. Listed as iptables lists it:
 * add-set, exist, timeout, then del-set.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=SET")
public final class SetTargetType implements TargetType {
    static final long NO_TIMEOUT = -1;

    static final Param<SetArg> ADD_SET = Param.of("--add-set", SetArg.TYPE)
            .help("setname flags: add the packet's src/dst fields to the set");
    static final Param<Boolean> EXIST = Param.of("--exist", ParamTypes.flag())
            .help("with --add-set: renew the timeout of an entry already there");
    static final Param<Long> TIMEOUT = Param.of("--timeout", ParamTypes.uint(0, 4294967294L))
            .help("with --add-set: the entry's timeout in seconds, instead of the set's default");
    static final Param<SetArg> DEL_SET = Param.of("--del-set", SetArg.TYPE)
            .help("setname flags: delete the packet's src/dst fields from the set");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("SET").ip()
            .params(ADD_SET, EXIST, TIMEOUT, DEL_SET)
            .help("SET target: add the packet to or delete it from IP sets, then go on").build();

    private final SetRegistry sets;

    @Activate
    public SetTargetType(@Reference SetRegistry sets) {
        this.sets = sets;
    }

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args args) {
        if (!args.has(ADD_SET) && !args.has(DEL_SET)) {
            throw new IllegalArgumentException("You must specify either `--add-set' or `--del-set' or `--map-set'");
        }
        if (args.has(EXIST) && !args.has(ADD_SET)) {
            throw new IllegalArgumentException("Flag `--exist' can be used with `--add-set' only");
        }
        if (args.has(TIMEOUT) && !args.has(ADD_SET)) {
            throw new IllegalArgumentException("Option `--timeout' can be used with `--add-set' only");
        }
        SetSlot add = null;
        SetLookup addSpec = null;
        if (args.has(ADD_SET)) {
            SetArg a = args.get(ADD_SET);
            add = SetMatchType.resolve(sets, a.name(), args.family());
            addSpec = SetLookup.of(a.dims(), a.srcBits());
        }
        SetSlot del = null;
        SetLookup delSpec = null;
        if (args.has(DEL_SET)) {
            SetArg d = args.get(DEL_SET);
            del = SetMatchType.resolve(sets, d.name(), args.family());
            delSpec = SetLookup.of(d.dims(), d.srcBits());
        }
        long timeout = args.has(TIMEOUT) ? args.get(TIMEOUT) : NO_TIMEOUT;
        return new SetTarget(add, addSpec, timeout, args.has(EXIST), del, delSpec);
    }
}
