package org.pkttables.example.faulty;

import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * A match that hangs, for tests only: {@code -m stall --stall-dport N --stall-seconds S} holds the packet
 * worker that evaluates a TCP or UDP packet to port N for S seconds (as a third-party match stuck in a
 * loop or a lock would), then matches; every other packet matches at once. The systemd watchdog test
 * sees the pings stop while the worker is held and go on afterwards. Not part of the appliance; the
 * e2e test drops the jar into the deploy folder.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=stall")
public final class StallMatch implements MatchType {
    private static final int TCP = 6;
    private static final int UDP = 17;

    static final Param<Long> STALL_DPORT = Param.of("--stall-dport", ParamTypes.uint(0, 65535)).mandatory()
            .help("hold the worker on TCP/UDP packets to this destination port");
    static final Param<Long> STALL_SECONDS = Param.of("--stall-seconds", ParamTypes.uint(0, 3600)).mandatory()
            .help("for this many seconds");

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.match("stall").ip()
            .params(STALL_DPORT, STALL_SECONDS)
            .help("stall match: holds the packet worker for one destination port (test extension)").build();

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Match compile(Args args) {
        int port = (int) (long) args.get(STALL_DPORT);
        long nanos = TimeUnit.SECONDS.toNanos(args.get(STALL_SECONDS));
        return p -> {
            if (isFor(p, port)) {
                hold(nanos);
            }
            return true;
        };
    }

    static boolean isFor(PacketContext p, int port) {
        int l4 = p.l4Offset();
        int proto = p.l4Proto();
        return l4 >= 0 && (proto == TCP || proto == UDP) && p.u16(l4 + 2) == port;
    }

    /** Holds the calling thread for {@code nanos}, interrupts or not (a stuck extension does not listen). */
    private static void hold(long nanos) {
        long end = System.nanoTime() + nanos;
        boolean interrupted = false;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true; // a stuck extension does not stop when asked; the interrupt is kept for after
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
