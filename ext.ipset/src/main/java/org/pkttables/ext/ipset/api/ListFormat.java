package org.pkttables.ext.ipset.api;

/** How {@link SetService#list} prints sets, as {@code ipset list} with its options. */
public enum ListFormat {
    /** Header and members ({@code ipset list}). */
    PLAIN,
    /** Header without members ({@code ipset list -terse}). */
    TERSE,
    /** Names only ({@code ipset list -name}). */
    NAME,
    /** Restore syntax ({@code ipset save}, {@code ipset list -output save}). */
    SAVE
}
