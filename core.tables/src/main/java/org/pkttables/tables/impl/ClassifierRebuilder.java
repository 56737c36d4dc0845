package org.pkttables.tables.impl;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Background rebuilds of chain classifiers (control plane). After many edits a chain's patched
 * classifier asks for a rebuild; this builds exact tuples off the writer's path and swaps the result
 * into the live tables of its {@link RulesetImpl} without a new generation (same rules, same verdicts).
 */
final class ClassifierRebuilder {
    private static final System.Logger LOG = System.getLogger("org.pkttables.core.tables");

    private final RulesetImpl ruleset;
    private volatile Executor executor = SharedRebuilds.EXECUTOR;

    ClassifierRebuilder(RulesetImpl ruleset) {
        this.ruleset = ruleset;
    }

    /** Runs classifier rebuilds off the writer's path; tests replace it to choose when they run. */
    void setExecutor(Executor e) {
        executor = e;
    }

    /** One background thread for the rebuilds of every core in this JVM (tests create thousands of cores). */
    private static final class SharedRebuilds {
        static final Executor EXECUTOR = create();

        private static Executor create() {
            ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "pkttables-classifier-rebuild");
                        t.setDaemon(true);
                        return t;
                    });
            // No thread lingers while nothing is edited (nor, for long, after the bundle stopped).
            e.allowCoreThreadTimeOut(true);
            return e;
        }
    }

    /** Hands the table's newly asked-for rebuilds to the executor (writer lock held). */
    void start(TableState t) {
        for (ChainState c : t.slots) {
            if (c != null && c.classifier != null && c.classifier.rebuild != null && !c.classifier.rebuild.started) {
                ChainClassifier.Rebuild rb = c.classifier.rebuild;
                rb.started = true;
                executor.execute(() -> rebuild(rb));
            }
        }
    }

    /**
     * A background rebuild: builds exact tuples for the rules the chain had when the rebuild was asked
     * for (no lock held), replays the edits made since, and swaps the result in with one volatile write,
     * unless the chain is gone or rebuilt otherwise meanwhile. Until then the patched classifier serves,
     * exact as well. The replay runs outside the lock too; under the lock only the check remains, and a
     * replay of the few edits of a commit that raced with it.
     */
    private void rebuild(ChainClassifier.Rebuild rb) {
        try {
            ChainClassifier fresh = ChainClassifier.build(rb.rules);
            for (int attempt = 0;; attempt++) {
                int[] at = find(rb);
                if (at == null) {
                    return;
                }
                ChainState c = ruleset.liveAll()[at[0]][at[1]].slots[at[2]];
                ChainClassifier next = ChainClassifier.rebased(fresh, c.classifier, c.rules);
                ruleset.writeLock.lock();
                try {
                    int[] now = find(rb);
                    if (now == null) {
                        return;
                    }
                    TableState[][] live = ruleset.liveAll();
                    TableState t = live[now[0]][now[1]];
                    ChainState d = t.slots[now[2]];
                    if (d.classifier != c.classifier) {
                        if (d.classifier.logged() - c.classifier.logged() > ChainClassifier.MAX_PATCH && attempt < 3) {
                            continue; // many edits raced with the replay: replay again without the lock
                        }
                        next = ChainClassifier.rebased(fresh, d.classifier, d.rules);
                    }
                    TableState[][] out = live.clone();
                    out[now[0]] = out[now[0]].clone();
                    TableState u = t.withChain(now[2], d.withClassifier(next));
                    out[now[0]][now[1]] = u;
                    // Same rules, same verdicts: a new index only, so no new generation and no events.
                    ruleset.reindex(out);
                    start(u);
                    return;
                } finally {
                    ruleset.writeLock.unlock();
                }
            }
        } catch (RuntimeException e) {
            // The patched classifier still serves, exact; the next edit beyond the limit asks again.
            LOG.log(System.Logger.Level.WARNING, "background classifier rebuild failed", e);
        }
    }

    /** Family ordinal, table index and slot of the chain whose classifier waits for rb, or null. */
    private int[] find(ChainClassifier.Rebuild rb) {
        TableState[][] l = ruleset.liveAll();
        for (int f = 0; f < l.length; f++) {
            for (int t = 0; t < l[f].length; t++) {
                ChainState[] slots = l[f][t].slots;
                for (int s = 0; s < slots.length; s++) {
                    if (slots[s] != null && slots[s].classifier != null && slots[s].classifier.rebuild == rb) {
                        return new int[] { f, t, s };
                    }
                }
            }
        }
        return null;
    }
}
