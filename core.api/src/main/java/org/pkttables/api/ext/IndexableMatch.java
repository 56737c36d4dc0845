package org.pkttables.api.ext;

import java.util.List;

/**
 * Optional: a {@link Match} that tells the core's classifier which of its conditions it can index.
 * Each returned constraint must be NECESSARY: whenever {@code matches(p)} is true, the packet's field
 * (read as {@link IndexField} defines) lies in the constraint's range. Report only what the match
 * really enforces without inversion; conditions that cannot be said this way (an inverted option, an
 * interface name, a flag test) are simply left out. The classifier only narrows: the core still runs
 * {@code matches(p)} on every rule it does not rule out, so a constraint left out costs speed, never
 * correctness, while a constraint that is not necessary would skip a rule that matches.
 *
 * <p>Called when a chain is compiled, never on the packet path, so building the list on each call is
 * fine (and keeps the compiled match small).
 */
public interface IndexableMatch extends Match {
    List<FieldConstraint> constraints();
}
