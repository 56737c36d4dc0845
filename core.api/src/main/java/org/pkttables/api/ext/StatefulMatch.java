package org.pkttables.api.ext;

/**
 * A match whose evaluation changes state (recent --set, statistic nth, quota, limit, hashlimit,
 * connlimit): the kernel evaluates a rule's matches in order until one fails, so such a match runs for
 * every packet that passes the matches before it, whatever the matches after it say. The chain
 * classifier therefore never skips a rule on the strength of indexable matches that come after a
 * stateful one.
 *
 * @since 1.2.0
 */
public interface StatefulMatch extends Match {
}
