package org.pkttables.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A function plugged into the hook pipeline by another bundle (conntrack, NAT), found by the
 * whiteboard pattern. Service properties: {@link #FAMILY}, {@link #HOOK} (one or more), {@link #PRIORITY}
 * (a {@link HookPriority} name or number). Same hot-path rules as matches.
 */
@ConsumerType
public interface HookFunction {
    String FAMILY = "pkttables.family";
    String HOOK = "pkttables.hook";
    String PRIORITY = "pkttables.priority";

    /** Returns ACCEPT to go on with the next function at the hook, or DROP/STOLEN/QUEUE to stop. */
    int process(PacketContext p);
}
