package org.pkttables.control;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.RulesetEvent;
import org.pkttables.api.RulesetListener;

/**
 * The {@link Appliance}'s ear on the ruleset: a {@link RulesetListener} with no references of its own,
 * which passes every committed change on to whoever subscribed. The appliance cannot be the listener
 * itself: it holds a mandatory reference to the core (it lives and dies with it, restoring the saved state
 * into each new core), and the core binds its listeners while it activates, so SCR would see a cycle.
 */
@Component(service = { RulesetListener.class, ChangeFeed.class })
public final class ChangeFeed implements RulesetListener {
    private final List<RulesetListener> subscribers = new CopyOnWriteArrayList<>();

    void subscribe(RulesetListener l) {
        subscribers.add(l);
    }

    void unsubscribe(RulesetListener l) {
        subscribers.remove(l);
    }

    @Override
    public void changed(RulesetEvent event) {
        for (RulesetListener l : subscribers) {
            l.changed(event);
        }
    }
}
