package org.pkttables.tables.impl;

import java.util.function.IntFunction;

/**
 * The save form of a rule after {@code -A CHAIN}, with jump targets named as the chains are now;
 * arptables lists the target first.
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
        return targetFirst ? target + " " + r.matchText : r.matchText + " " + target;
    }
}
