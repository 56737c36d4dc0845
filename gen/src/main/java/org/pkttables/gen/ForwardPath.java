package org.pkttables.gen;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.PacketContext;
import org.pkttables.api.Ruleset;
import org.pkttables.api.Verdict;

/**
 * Generated frames straight into the pipeline, as a bridge or router forwards them: PREROUTING, FORWARD,
 * POSTROUTING with one context per frame; client frames arrive on {@code clientIf} and leave on
 * {@code serverIf}, server frames the other way. For benchmarks and tests: no copy, no allocation.
 */
public final class ForwardPath implements FrameConsumer {
    private final Ruleset ruleset;
    private final String clientIf;
    private final String serverIf;
    private final PacketContext p;
    private long accepted;
    private long dropped;
    private int last;

    public ForwardPath(Ruleset ruleset, String clientIf, String serverIf, int worker) {
        this.ruleset = ruleset;
        this.clientIf = clientIf;
        this.serverIf = serverIf;
        this.p = new PacketContext(worker);
    }

    @Override
    public void accept(byte[] frame, int length, int direction) {
        last = verdict(frame, length, direction);
        if (last == Verdict.ACCEPT) {
            accepted++;
        } else {
            dropped++;
        }
    }

    /** Runs one frame through the hooks and returns the verdict. */
    public int verdict(byte[] frame, int length, int direction) {
        p.reset(frame, 0, length);
        p.setL2(0);
        int type = p.u16(12);
        Family f = type == 0x0800 ? Family.IPV4 : type == 0x86dd ? Family.IPV6 : null;
        if (f == null) {
            return Verdict.ACCEPT;
        }
        p.setFamily(f);
        if (!ruleset.parse(f, p, 14)) {
            return Verdict.DROP;
        }
        String in = direction == Profile.UP ? clientIf : serverIf;
        String out = direction == Profile.UP ? serverIf : clientIf;
        p.setHook(Hook.PREROUTING);
        p.setInIface(in);
        p.setOutIface(null);
        int v = ruleset.process(p);
        if (v != Verdict.ACCEPT) {
            return v;
        }
        p.setHook(Hook.FORWARD);
        p.setOutIface(out);
        v = ruleset.process(p);
        if (v != Verdict.ACCEPT) {
            return v;
        }
        p.setHook(Hook.POSTROUTING);
        p.setInIface(null);
        return ruleset.process(p);
    }

    public long accepted() {
        return accepted;
    }

    public long dropped() {
        return dropped;
    }

    /** The verdict of the last frame. */
    public int lastVerdict() {
        return last;
    }
}
