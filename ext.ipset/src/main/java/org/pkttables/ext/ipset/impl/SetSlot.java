package org.pkttables.ext.ipset.impl;

import org.pkttables.ext.ipset.api.SetContents;

/**
 * A named set as rules see it: the rule holds the slot, and swap, flush and restore replace the
 * contents under it with one volatile write (the kernel's set index). Rename changes the name only.
 */
final class SetSlot {
    private volatile String name;
    private volatile SetContents contents;

    SetSlot(String name, SetContents contents) {
        this.name = name;
        this.contents = contents;
    }

    String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    SetContents contents() {
        return contents;
    }

    void replace(SetContents c) {
        this.contents = c;
    }

    @Override
    public String toString() {
        return name;
    }
}
