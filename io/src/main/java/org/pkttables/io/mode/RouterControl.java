package org.pkttables.io.mode;

/** What the {@code neigh} command asks the router component (the {@code mode} command: {@link ModeControl}). */
public interface RouterControl extends ModeControl {
    /** The neighbour table, {@code ip neigh} style, or why there is none. */
    String neighbours();

    /** The neighbour table as data ({@code neigh --json}), or null when the router does not run. */
    java.util.List<java.util.Map<String, Object>> neighboursData();
}
