package org.pkttables.tables.impl;

import java.util.function.IntFunction;

/**
 * The save form of a rule after {@code -A CHAIN}, with jump targets named as the chains are now;
 * arptables lists the target name first and its options last.
 */
final class RuleText {
    private RuleText() {
    }

    static String of(RuleEntry r, IntFunction<String> chainName, boolean targetFirst) {
        String target;
        if (r.jumpSlot >= 0) {
            target = (r.spec.gotoChain() ? "-g " : "-j ") + chainName.apply(r.jumpSlot);
        } else if (r.targetText != null) {
            target = r.targetText;
        } else if (r.spec.target() != null) {
            target = "-j " + r.spec.target().name();
        } else {
            target = "";
        }
        if (r.matchText.isEmpty()) {
            return target;
        }
        if (target.isEmpty()) {
            return r.matchText;
        }
        if (!targetFirst) {
            return r.matchText + " " + target;
        }
        // arptables: "-j NAME", then the matches, then the target's options (-j mangle -s 1.2.3.4 --mangle-ip-s ...).
        String head = r.spec.target() == null ? target : "-j " + r.spec.target().name();
        if (r.jumpSlot < 0 && target.startsWith(head + " ")) {
            return head + " " + r.matchText + target.substring(head.length());
        }
        return target + " " + r.matchText;
    }
}
