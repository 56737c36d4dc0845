package org.pkttables.ext.ipset.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.pkttables.api.ShellWords;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetException;

/**
 * {@code ipset restore} applied to a private copy of the namespace, so that a bad line changes
 * nothing: the real ipset stops at a bad line with the lines before it applied; pkttables rejects the
 * whole file and names the line. Sets are copied only when a line changes their members (flush and
 * swap need no copy); the registry publishes the result in one step.
 */
final class RestoreBatch {
    /** A set in the staged namespace. */
    static final class Staged {
        final SetSlot slot;
        final boolean fresh;
        /** The contents after the batch: null while untouched (the live ones stay). */
        SetContents contents;
        /** True when {@link #contents} is this batch's own object (changeable without a copy). */
        boolean owned;

        Staged(SetSlot slot, boolean fresh, SetContents contents, boolean owned) {
            this.slot = slot;
            this.fresh = fresh;
            this.contents = contents;
            this.owned = owned;
        }

        SetContents current() {
            return contents != null ? contents : slot.contents();
        }
    }

    private final SetRegistry registry;
    private final Map<String, Staged> ns = new LinkedHashMap<>();

    RestoreBatch(SetRegistry registry, Map<String, SetSlot> live) {
        this.registry = registry;
        live.forEach((name, slot) -> ns.put(name, new Staged(slot, false, null, false)));
    }

    Map<String, Staged> result() {
        return ns;
    }

    void run(String text, boolean exist) {
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.equals("COMMIT") || l.equals("quit")) {
                continue;
            }
            try {
                apply(ShellWords.split(l), exist);
            } catch (SetException e) {
                throw new SetException("Error in line " + n + ": " + e.getMessage(), e.usage());
            } catch (IllegalArgumentException e) {
                throw new SetException("Error in line " + n + ": Syntax error: " + e.getMessage());
            }
        }
    }

    private void apply(List<String> words, boolean exist) {
        List<String> w = new ArrayList<>(words);
        boolean ex = exist;
        while (!w.isEmpty() && (w.get(0).equals("-exist") || w.get(0).equals("-!"))) {
            ex = true;
            w.remove(0);
        }
        if (w.isEmpty()) {
            return;
        }
        String cmd = IpsetCommand.command(w.get(0));
        List<String> a = w.subList(1, w.size());
        switch (cmd) {
            case "create": {
                need(a, 2, cmd);
                String name = a.get(0);
                SetRegistry.checkName(name);
                SetContents c = registry.make(a.get(1), a.subList(2, a.size()));
                Staged old = ns.get(name);
                if (old != null) {
                    if (ex && SetRegistry.sameSet(old.current(), c)) {
                        return;
                    }
                    throw new SetException("Set cannot be created: set with the same name already exists");
                }
                ns.put(name, new Staged(new SetSlot(name, c), true, c, true));
                return;
            }
            case "add":
            case "del": {
                need(a, 2, cmd);
                Staged st = get(a.get(0));
                SetContents c = own(st);
                SetRegistry.resolveMembers(c, this::slot);
                if (cmd.equals("add")) {
                    c.add(a.subList(1, a.size()), ex);
                } else {
                    c.del(a.get(1), ex);
                }
                return;
            }
            case "flush": {
                for (Staged st : a.isEmpty() ? List.copyOf(ns.values()) : List.of(get(a.get(0)))) {
                    st.contents = st.current().emptyCopy();
                    st.owned = true;
                }
                return;
            }
            case "destroy": {
                List<String> names = a.isEmpty() ? List.copyOf(ns.keySet()) : List.of(a.get(0));
                for (String name : names) {
                    Staged st = get(name);
                    if (refs(st, a.isEmpty()) > 0) {
                        throw new SetException("Set cannot be destroyed: it is in use by a kernel component");
                    }
                }
                names.forEach(ns::remove);
                return;
            }
            case "rename": {
                need(a, 2, cmd);
                Staged st = get(a.get(0));
                SetRegistry.checkName(a.get(1));
                if (ns.containsKey(a.get(1))) {
                    throw new SetException("Set cannot be renamed: a set with the new name already exists");
                }
                if (refs(st, false) > 0) {
                    throw new SetException("Set cannot be renamed: it is in use by another system");
                }
                Map<String, Staged> copy = new LinkedHashMap<>(ns);
                ns.clear();
                copy.forEach((k, v) -> ns.put(k.equals(a.get(0)) ? a.get(1) : k, v));
                return;
            }
            case "swap": {
                need(a, 2, cmd);
                Staged x = get(a.get(0));
                Staged y = get(a.get(1));
                SetRegistry.checkSwap(x.current(), y.current());
                SetContents cx = x.current();
                boolean ox = x.owned;
                x.contents = y.current();
                x.owned = y.owned;
                y.contents = cx;
                y.owned = ox;
                return;
            }
            default:
                throw new SetException("Command `" + w.get(0) + "' is not supported in restore", true);
        }
    }

    private static void need(List<String> a, int n, String cmd) {
        if (a.size() < n) {
            throw new SetException("Missing mandatory argument to command " + cmd, true);
        }
    }

    private Staged get(String name) {
        Staged st = ns.get(name);
        if (st == null) {
            throw new SetException("The set with the given name does not exist");
        }
        return st;
    }

    private SetSlot slot(String name) {
        Staged st = ns.get(name);
        return st == null ? null : st.slot;
    }

    /** The batch's own contents of a set, copied from the live one at the first change. */
    private SetContents own(Staged st) {
        if (!st.owned) {
            SetContents live = st.current();
            SetContents copy = live.emptyCopy();
            SetRegistry.resolveMembers(copy, n -> {
                Staged m = ns.get(n);
                return m != null ? m.slot : registry.slot(n);
            });
            StringBuilder sb = new StringBuilder();
            live.appendMembers(sb, "");
            for (String line : sb.toString().split("\n")) {
                if (!line.isEmpty()) {
                    copy.add(ShellWords.split(line), true);
                }
            }
            st.contents = copy;
            st.owned = true;
        }
        return st.contents;
    }

    private int refs(Staged st, boolean destroyAll) {
        int n = st.fresh ? 0 : registry.ruleReferences(st.slot.name());
        if (destroyAll) {
            return n;
        }
        for (Staged o : ns.values()) {
            SetContents c = o.current();
            if (c instanceof ListSetContents && ((ListSetContents) c).contains(st.slot)) {
                n++;
            }
        }
        return n;
    }
}
