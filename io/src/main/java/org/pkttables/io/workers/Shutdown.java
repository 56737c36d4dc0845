package org.pkttables.io.workers;

import java.util.List;
import java.util.function.Consumer;
import org.pkttables.io.ports.Port;

/**
 * Stops a running mode (bridge or router) the same way: captures and workers told to stop, their threads
 * joined, then the ports closed and their offloads restored. A port whose threads did not end is left
 * open: a thread may still be inside a native call on the pcap handle, and freeing it under that call
 * would crash the JVM.
 */
public final class Shutdown {
    private Shutdown() {
    }

    public static void stop(Capture[] captures, Worker[] workers, List<Thread> threads, Port[] ports, Consumer<String> log) {
        for (Capture c : captures) {
            if (c != null) {
                c.stop();
            }
        }
        for (Worker w : workers) {
            w.stop();
        }
        boolean ended = true;
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ended &= !t.isAlive();
        }
        for (Port port : ports) {
            if (ended) {
                port.close();
            } else {
                log.accept("port " + port.name + ": a thread did not stop; its socket (or pcap handle) is left open");
            }
            port.offloads.restore();
        }
    }
}
