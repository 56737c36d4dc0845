package org.pkttables.ext.ipset.impl;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pkttables.api.Ruleset;
import org.pkttables.ext.ipset.api.SetService;
import org.pkttables.ext.ipset.api.SetType;

/**
 * The registry as a DS component: loads the saved sets from {@code pkttables.state}/ipsets.save at
 * activation (unless a {@code pkttables.config} script replaces the saved state, as for the rules),
 * saves after every change, and drops expired entries every few seconds. Set types of other bundles
 * come and go as services.
 */
@Component(service = {SetService.class, SetRegistry.class}, immediate = true)
public final class SetServiceComponent extends SetRegistry {
    static final String STATE = "pkttables.state";
    static final String CONFIG = "pkttables.config";
    static final long EXPIRE_EVERY_SECONDS = 5;

    private volatile Ruleset ruleset;
    private SetStateFile state;
    private ScheduledExecutorService gc;

    public SetServiceComponent() {
        super(SetRegistry::monotonicMillis);
        useRuleset(() -> ruleset);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindRuleset(Ruleset r) {
        this.ruleset = r;
    }

    void unbindRuleset(Ruleset r) {
        if (this.ruleset == r) {
            this.ruleset = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindSetType(SetType t) {
        addType(t);
    }

    void unbindSetType(SetType t) {
        removeType(t);
    }

    @Activate
    void activate(BundleContext ctx) {
        String dir = ctx.getProperty(STATE);
        if (dir != null && !dir.isBlank()) {
            state = new SetStateFile(Path.of(dir.trim()).toAbsolutePath(), this);
            String config = ctx.getProperty(CONFIG);
            if (config == null || config.isBlank()) {
                String problem = state.load();
                if (problem != null) {
                    System.err.println("pkttables: " + problem);
                }
            }
            onChange(state::request);
            durability(state::saveNow);
        }
        gc = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pkttables-ipset-expire");
            t.setDaemon(true);
            return t;
        });
        gc.scheduleWithFixedDelay(this::expireAll, EXPIRE_EVERY_SECONDS, EXPIRE_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        gc.shutdownNow();
        onChange(() -> {
        });
        if (state != null) {
            state.close();
        }
    }
}
