package org.pkttables.tables.impl;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.Family;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ExtensionDescriptor.Kind;
import org.pkttables.api.ext.ExtensionRegistry;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.TargetType;

/**
 * The whiteboard of matches, targets and L3 handlers. Several providers may share a name (REJECT
 * for ipv4 and for ipv6; an updated bundle briefly next to the old one); the first one registered
 * that serves the family wins.
 */
final class ExtensionRegistryImpl implements ExtensionRegistry {
    private final Map<String, List<MatchType>> matches = new LinkedHashMap<>();
    private final Map<String, List<TargetType>> targets = new LinkedHashMap<>();
    private final Map<Family, List<L3Handler>> handlers = new EnumMap<>(Family.class);
    /**
     * Value words per option name over every loaded descriptor (first one in {@link #descriptors()}
     * order wins), built on first use after a change: a restore asks it for every option word of every
     * line, and walking all descriptors each time was a fifth of a 100k-rule restore.
     */
    private volatile Map<String, Integer> arity;

    /** Registers a MatchType, TargetType or L3Handler; returns the use key ("m:tcp") or null if none of those. */
    synchronized String add(Object service) {
        arity = null;
        if (service instanceof MatchType) {
            MatchType m = (MatchType) service;
            matches.computeIfAbsent(m.descriptor().name(), k -> new ArrayList<>()).add(m);
            return "m:" + m.descriptor().name();
        }
        if (service instanceof TargetType) {
            TargetType t = (TargetType) service;
            targets.computeIfAbsent(t.descriptor().name(), k -> new ArrayList<>()).add(t);
            return "t:" + t.descriptor().name();
        }
        if (service instanceof L3Handler) {
            L3Handler h = (L3Handler) service;
            handlers.computeIfAbsent(h.family(), k -> new ArrayList<>()).add(h);
            return "l3:" + h.family().id();
        }
        return null;
    }

    synchronized String remove(Object service) {
        arity = null;
        if (service instanceof MatchType) {
            MatchType m = (MatchType) service;
            List<MatchType> l = matches.get(m.descriptor().name());
            if (l != null && l.remove(m) && l.isEmpty()) {
                matches.remove(m.descriptor().name());
            }
            return "m:" + m.descriptor().name();
        }
        if (service instanceof TargetType) {
            TargetType t = (TargetType) service;
            List<TargetType> l = targets.get(t.descriptor().name());
            if (l != null && l.remove(t) && l.isEmpty()) {
                targets.remove(t.descriptor().name());
            }
            return "t:" + t.descriptor().name();
        }
        if (service instanceof L3Handler) {
            L3Handler h = (L3Handler) service;
            List<L3Handler> l = handlers.get(h.family());
            if (l != null) {
                l.remove(h);
            }
            return "l3:" + h.family().id();
        }
        return null;
    }

    synchronized MatchType match(Family f, String name) {
        for (MatchType m : matches.getOrDefault(name, List.of())) {
            if (m.descriptor().families().contains(f)) {
                return m;
            }
        }
        return null;
    }

    synchronized TargetType target(Family f, String name) {
        for (TargetType t : targets.getOrDefault(name, List.of())) {
            if (t.descriptor().families().contains(f)) {
                return t;
            }
        }
        return null;
    }

    synchronized L3Handler handler(Family f) {
        List<L3Handler> l = handlers.get(f);
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    /** How many value words the option {@code word} takes in whichever loaded descriptor knows it, 0 if none. */
    int optionArity(String word) {
        Map<String, Integer> m = arity;
        if (m == null) {
            m = arities();
        }
        Integer n = m.get(word);
        return n == null ? 0 : n;
    }

    private synchronized Map<String, Integer> arities() {
        Map<String, Integer> m = new java.util.HashMap<>();
        for (ExtensionDescriptor d : descriptors()) {
            for (org.pkttables.api.ext.Param<?> p : d.params()) {
                m.putIfAbsent(p.option(), p.type().arity());
                for (String a : p.aliases()) {
                    m.putIfAbsent(a, p.type().arity());
                }
            }
        }
        arity = m;
        return m;
    }

    @Override
    public synchronized List<ExtensionDescriptor> descriptors() {
        List<ExtensionDescriptor> all = new ArrayList<>();
        for (List<L3Handler> l : handlers.values()) {
            if (!l.isEmpty()) {
                all.add(l.get(0).baseDescriptor());
            }
        }
        for (List<MatchType> l : matches.values()) {
            for (MatchType m : l) {
                all.add(m.descriptor());
            }
        }
        for (List<TargetType> l : targets.values()) {
            for (TargetType t : l) {
                all.add(t.descriptor());
            }
        }
        return all;
    }

    @Override
    public synchronized ExtensionDescriptor find(Family family, Kind kind, String name) {
        switch (kind) {
            case MATCH: {
                MatchType m = match(family, name);
                return m == null ? null : m.descriptor();
            }
            case TARGET: {
                TargetType t = target(family, name);
                return t == null ? null : t.descriptor();
            }
            default: {
                L3Handler h = handler(family);
                return h == null ? null : h.baseDescriptor();
            }
        }
    }
}
