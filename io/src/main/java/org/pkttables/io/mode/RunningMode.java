package org.pkttables.io.mode;

import java.util.Map;
import java.util.function.ObjLongConsumer;

import org.pkttables.io.workers.ModeRuntime;

/**
 * What the bridge and router components answer alike about the mode they run: its tables, data and
 * heartbeats while it runs, else why it does not ({@link #idle}). The component's lock guards
 * {@link #runtime}, as it guards its start and stop.
 */
public abstract class RunningMode implements ModeControl {
    /** The running mode, or null. */
    protected abstract ModeRuntime runtime();

    /** The {@code ports} and {@code workers} text while the mode does not run. */
    protected abstract String idle();

    @Override
    public final synchronized String ports() {
        ModeRuntime r = runtime();
        return r != null ? r.portsTable() : idle();
    }

    @Override
    public final synchronized String workers() {
        ModeRuntime r = runtime();
        return r != null ? r.workersTable() : idle();
    }

    @Override
    public final synchronized Map<String, Object> portsData() {
        ModeRuntime r = runtime();
        return r == null ? null : BridgeControl.modeData(mode(), "ports", r.portsData());
    }

    @Override
    public final synchronized Map<String, Object> workersData() {
        ModeRuntime r = runtime();
        return r == null ? null : BridgeControl.modeData(mode(), "workers", r.workersData());
    }

    @Override
    public final synchronized boolean running() {
        return runtime() != null;
    }

    @Override
    public final synchronized void heartbeats(ObjLongConsumer<String> out) {
        ModeRuntime r = runtime();
        if (r != null) {
            r.heartbeats(out);
        }
    }
}
