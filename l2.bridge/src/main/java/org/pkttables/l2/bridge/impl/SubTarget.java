package org.pkttables.l2.bridge.impl;

import java.util.List;
import java.util.Map;

import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * The verdict an ebtables target gives after its work ({@code --mark-target}, {@code --dnat-target} …):
 * ACCEPT, DROP, CONTINUE or RETURN, as Verdict ints.
 */
final class SubTarget {
    private SubTarget() {
    }

    static ParamType<Integer> type() {
        return ParamTypes.choice("target", Map.of("ACCEPT", Verdict.ACCEPT, "DROP", Verdict.DROP, "CONTINUE",
                Verdict.CONTINUE, "RETURN", Verdict.RETURN), SubTarget::name);
    }

    static String name(int v) {
        return Verdict.name(v);
    }

    /** The canonical form of a target's options: ebtables always lists the verdict, ACCEPT when not given. */
    static Args listed(Args args, Param<Integer> target) {
        return args.has(target) ? args : args.toBuilder().put(target, Verdict.ACCEPT).build();
    }

    /** The verdict after the target's work: as given, ACCEPT by default. */
    static int verdict(Args a, Param<Integer> target) {
        return a.getOr(target, Verdict.ACCEPT);
    }

    static List<String> names() {
        return List.of("ACCEPT", "DROP", "CONTINUE", "RETURN");
    }
}
