package org.pkttables.io.impl;

import java.util.List;
import java.util.Locale;

import org.pkttables.api.Hook;

/** The hooks an offline packet passes, as the appliance would see it arriving on a port. */
enum ReplayPath {
    /** Through the box: PREROUTING, FORWARD, POSTROUTING (bridge or router). */
    FORWARD(List.of(Hook.PREROUTING, Hook.FORWARD, Hook.POSTROUTING)),
    /** To the box itself: PREROUTING, INPUT. */
    INPUT(List.of(Hook.PREROUTING, Hook.INPUT)),
    /** From the box: OUTPUT, POSTROUTING. */
    OUTPUT(List.of(Hook.OUTPUT, Hook.POSTROUTING));

    final Hook[] hooks;

    ReplayPath(List<Hook> hooks) {
        this.hooks = hooks.toArray(new Hook[0]);
    }

    static ReplayPath of(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown path `" + s + "' (forward, input, output)", e);
        }
    }
}
