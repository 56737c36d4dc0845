package org.pkttables.tables.impl;

import java.util.function.IntFunction;

/** The save form of a rule after {@code -A CHAIN}, with jump targets named as the chains are now. */
final class RuleText {
    private RuleText() {
    }

    static String of(RuleEntry r, IntFunction<String> chainName) {
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
        return target.isEmpty() ? r.matchText : r.matchText + " " + target;
    }
}
