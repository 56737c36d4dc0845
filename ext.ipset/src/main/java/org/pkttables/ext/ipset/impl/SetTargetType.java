package org.pkttables.ext.ipset.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParameterProblem;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pkttables.api.Hook;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * The {@code SET} target (libxt_SET revision 3): {@code --add-set NAME flags [--exist] [--timeout N]},
 * {@code --del-set NAME flags} and {@code --map-set NAME flags [--map-mark] [--map-prio] [--map-queue]}
 * (the skbinfo of the matching entry applied to the packet; mangle table only, priority and queue only
 * from FORWARD, OUTPUT and POSTROUTING, as the kernel checks); the packet goes on to the next rule.
 * Listed as iptables lists it: add-set, exist, timeout, del-set, map-set, map-mark, map-prio, map-queue.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=SET")
public final class SetTargetType extends DescribedExtension implements TargetType {
    static final long NO_TIMEOUT = -1;

    static final Param<SetArg> ADD_SET = Param.of("--add-set", SetArg.TYPE)
            .listed("add-set {v}").help("setname flags: add the packet's src/dst fields to the set");
    static final Param<Boolean> EXIST = Param.of("--exist", ParamTypes.flag())
            .listed("exist").help("with --add-set: renew the timeout of an entry already there");
    static final Param<Long> TIMEOUT = Param.of("--timeout", ParamTypes.uint(0, 4294967294L))
            .listed("timeout {v}").help("with --add-set: the entry's timeout in seconds, instead of the set's default");
    static final Param<SetArg> DEL_SET = Param.of("--del-set", SetArg.TYPE)
            .listed("del-set {v}").help("setname flags: delete the packet's src/dst fields from the set");

    static final Param<SetArg> MAP_SET = Param.of("--map-set", SetArg.TYPE)
            .listed("map-set {v}").help("setname flags: apply the skbinfo of the packet's entry in the set (mangle table)");
    static final Param<Boolean> MAP_MARK = Param.of("--map-mark", ParamTypes.flag())
            .listed("map-mark").help("with --map-set: set the packet mark from the entry's skbmark (MARK/MASK)");
    static final Param<Boolean> MAP_PRIO = Param.of("--map-prio", ParamTypes.flag())
            .listed("map-prio").help("with --map-set: set the packet priority from the entry's skbprio (FORWARD, OUTPUT, POSTROUTING)");
    // The appliance's ports have one transmit queue, so the kernel's condition (queue < the device's
    // real_num_tx_queues) leaves only queue 0, which is where every packet already goes.
    static final Param<Boolean> MAP_QUEUE = Param.of("--map-queue", ParamTypes.flag())
            .listed("map-queue").help("with --map-set: the entry's skbqueue (one transmit queue per port here: no change)");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("SET").ip().listing("")
            .params(ADD_SET, EXIST, TIMEOUT, DEL_SET, MAP_SET, MAP_MARK, MAP_PRIO, MAP_QUEUE)
            .help("SET target: add the packet to or delete it from IP sets, or map an entry's skbinfo to it, then go on")
            .build();

    private final SetRegistry sets;

    @Activate
    public SetTargetType(@Reference SetRegistry sets) {
        super(DESCRIPTOR);
        this.sets = sets;
    }

    @Override
    public Target compile(Args args) {
        if (!args.has(ADD_SET) && !args.has(DEL_SET) && !args.has(MAP_SET)) {
            throw ParameterProblem.of("You must specify either `--add-set' or `--del-set' or `--map-set'");
        }
        for (Param<Boolean> f : java.util.List.of(MAP_MARK, MAP_PRIO, MAP_QUEUE)) {
            if (args.has(f) && !args.has(MAP_SET)) {
                throw new IllegalArgumentException("Flag `" + f.option() + "' can be used with `--map-set' only");
            }
        }
        if (args.has(MAP_SET) && !args.has(MAP_MARK) && !args.has(MAP_PRIO) && !args.has(MAP_QUEUE)) {
            throw new IllegalArgumentException("You must specify flags `--map-mark' or '--map-prio` or `--map-queue'");
        }
        if (args.has(MAP_SET) && !"mangle".equals(args.table())) {
            throw new KernelRefusal("--map-set only usable from mangle table, not from " + args.table());
        }
        Hook hook = args.hook();
        if ((args.has(MAP_PRIO) || args.has(MAP_QUEUE)) && hook != null && hook != Hook.FORWARD
                && hook != Hook.OUTPUT && hook != Hook.POSTROUTING) {
            throw new KernelRefusal(
                    "mapping of prio or/and queue is allowed only from OUTPUT/FORWARD/POSTROUTING chains, not " + hook);
        }
        if (args.has(EXIST) && !args.has(ADD_SET)) {
            throw new IllegalArgumentException("Flag `--exist' can be used with `--add-set' only");
        }
        if (args.has(TIMEOUT) && !args.has(ADD_SET)) {
            throw new IllegalArgumentException("Option `--timeout' can be used with `--add-set' only");
        }
        SetSlot add = slot(args, ADD_SET);
        SetSlot del = slot(args, DEL_SET);
        SetSlot map = slot(args, MAP_SET);
        long timeout = args.has(TIMEOUT) ? args.get(TIMEOUT) : NO_TIMEOUT;
        return new SetTarget(add, spec(args, ADD_SET), timeout, args.has(EXIST), del, spec(args, DEL_SET), map,
                spec(args, MAP_SET), args.has(MAP_MARK), args.has(MAP_PRIO));
    }

    /** The set option {@code p} names, resolved for the rule's family; null when the rule does not give it. */
    private SetSlot slot(Args args, Param<SetArg> p) {
        return args.has(p) ? SetMatchType.resolve(sets, args.get(p).name(), args.family()) : null;
    }

    /** Which fields of the packet option {@code p} looks at; null when the rule does not give it. */
    private static SetLookup spec(Args args, Param<SetArg> p) {
        return args.has(p) ? SetLookup.of(args.get(p).dims(), args.get(p).srcBits()) : null;
    }
}
