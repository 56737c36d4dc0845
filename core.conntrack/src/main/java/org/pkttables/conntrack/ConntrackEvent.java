package org.pkttables.conntrack;

/** A change of one entry, delivered to every {@link ConntrackListener}. */
public record ConntrackEvent(Type type, ConntrackEntry entry, long timestampMillis) {
    /** NEW when confirmed, UPDATE on a state or status change, DESTROY when removed (timeout, delete, early drop). */
    public enum Type { NEW, UPDATE, DESTROY }
}
