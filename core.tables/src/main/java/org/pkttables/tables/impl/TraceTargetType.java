package org.pkttables.tables.impl;

import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.Verdict;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Target;
import org.pkttables.api.ext.TargetType;

/**
 * {@code TRACE} (raw table): from here on, every rule the packet matches and the policy that decides it
 * are reported to the trace listeners ({@code trace} in the shell). Part of the core because tracing
 * is the evaluator's own business.
 */
@Component(service = TargetType.class, property = TargetType.NAME + "=TRACE")
public final class TraceTargetType implements TargetType {
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() & 0xffffffL);

    private static final ExtensionDescriptor DESCRIPTOR = ExtensionDescriptor.target("TRACE")
            .families(Family.IPV4, Family.IPV6).tables("raw").hooks(Hook.PREROUTING, Hook.OUTPUT)
            .help("TRACE: report every rule this packet then meets (see `trace`); raw table only").build();

    private static final Target TRACE = p -> {
        if (!p.traced()) {
            p.setTraceId(IDS.incrementAndGet());
        }
        return Verdict.CONTINUE;
    };

    @Override
    public ExtensionDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Target compile(Args args) {
        return TRACE;
    }
}
