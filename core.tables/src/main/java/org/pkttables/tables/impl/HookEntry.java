package org.pkttables.tables.impl;

import org.pkttables.api.HookFunction;

/** One step of a hook's pipeline: a built-in table (by index) or a registered hook function. */
final class HookEntry {
    final int priority;
    final int table;
    final HookFunction function;
    final String name;

    HookEntry(int priority, int table, HookFunction function, String name) {
        this.priority = priority;
        this.table = table;
        this.function = function;
        this.name = name;
    }
}
