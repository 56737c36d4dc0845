package org.pkttables.ext.targets.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Target;

/**
 * A compiled REJECT: drops the packet and leaves the reject code in the context; the io layer sends the
 * ICMP error or TCP reset after the verdict (the kernel sends it from the target itself).
 */
final class RejectTarget implements Target {
    private final int code;

    RejectTarget(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    @Override
    public int apply(PacketContext p) {
        p.setRejectWith(code);
        return Verdict.DROP;
    }
}
