package org.pkttables.io.workers;

import java.util.Locale;

/**
 * How many workers a bridge or router runs, and how that number was chosen: given explicitly
 * ({@code --workers N}, the {@code pkttables.bridge.workers} property, ConfigAdmin's {@code workers})
 * or, when none is given, the default for the machine's cores and the mode's ports ({@link #choose}).
 * {@link #toString} is what {@code mode} and {@code workers} show: {@code 1 (default for 2 cores, 2 ports)}.
 */
public record WorkerCount(int count, String chosen) {
    /**
     * Workers one capture thread keeps busy at most: past that, more workers on a port only wait for
     * frames, so they are not added however many cores there are.
     */
    static final int PER_PORT = 4;

    public WorkerCount {
        if (count < 1 || count > ModeRuntime.maxWorkers()) {
            throw new IllegalArgumentException("workers must be 1.." + ModeRuntime.maxWorkers() + ", got " + count);
        }
    }

    /** {@code count} workers given by {@code source} ({@code --workers}, a property, a configuration). */
    public static WorkerCount explicit(int count, String source) {
        return new WorkerCount(count, "set by " + source);
    }

    /** The system property {@code bin/pkttables run --workers N} sets (empty when not given). */
    public static final String PROPERTY = "pkttables.bridge.workers";

    /**
     * The count when the mode's own settings give none: {@code run --workers N} (the {@link #PROPERTY}
     * system property) when given, else the default for {@code ports} ports on this machine.
     *
     * @throws IllegalArgumentException when the property is not a number from 1 to {@link ModeRuntime#maxWorkers}
     */
    public static WorkerCount unlessGiven(int ports) {
        String w = System.getProperty(PROPERTY);
        if (w == null || w.isBlank()) {
            return forMachine(ports);
        }
        try {
            return explicit(Integer.parseInt(w.trim()), "--workers");
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " `" + w + "' is not a number", e);
        }
    }

    /** The default for {@code ports} ports on this machine's cores (those the JVM may run on). */
    public static WorkerCount forMachine(int ports) {
        return forMachine(Runtime.getRuntime().availableProcessors(), ports);
    }

    /** The default for {@code ports} ports on {@code cores} cores. */
    public static WorkerCount forMachine(int cores, int ports) {
        return new WorkerCount(choose(cores, ports), String.format(Locale.ROOT, "default for %d core%s, %d port%s",
                cores, cores == 1 ? "" : "s", ports, ports == 1 ? "" : "s"));
    }

    /**
     * The default worker count for {@code ports} ports on {@code cores} cores. Up to two cores: one
     * worker, which the bridge runs on the capture thread itself (no hand-off between threads; on such
     * a machine a second worker only competes with the capture threads and the kernel's own packet
     * work for the same cores). More cores: one capture thread per port stays busy, so the workers get
     * the cores the capture threads leave, never more than {@code cores - 1} (one core stays for the
     * kernel and the rest of the appliance), never more than {@link #PER_PORT} per port, at least one.
     * No ports counts as one (the mode's settings reject a port list that is too short, naming it).
     */
    public static int choose(int cores, int ports) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, got " + cores);
        }
        ports = Math.max(1, ports);
        if (cores <= 2) {
            return 1;
        }
        int w = Math.min(cores - ports, cores - 1);
        w = Math.min(w, PER_PORT * ports);
        w = Math.min(w, ModeRuntime.maxWorkers());
        return Math.max(1, w);
    }

    /** {@code 1 (default for 2 cores, 2 ports)}, {@code 3 (set by --workers)}. */
    @Override
    public String toString() {
        return count + " (" + chosen + ")";
    }
}
