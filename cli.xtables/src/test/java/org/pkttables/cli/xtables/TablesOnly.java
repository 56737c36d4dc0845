package org.pkttables.cli.xtables;

import java.util.List;

import org.pkttables.api.Family;
import org.pkttables.api.Hook;
import org.pkttables.api.HookPriority;
import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.L3Handler;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.TableDescriptor;

/**
 * A family that contributes its filter table (INPUT, FORWARD, OUTPUT, as l3.ipv4 and l2.bridge have it)
 * and nothing else: no rule of it ever parses. The families own their tables, and cli.xtables' tests
 * cannot depend on the family bundles.
 */
record TablesOnly(Family family) implements L3Handler {
    @Override
    public List<TableDescriptor> tables() {
        return List.of(TableDescriptor.of("filter", HookPriority.FILTER, true, Hook.INPUT, Hook.FORWARD,
                Hook.OUTPUT));
    }

    @Override
    public boolean parse(PacketContext p, int l3Offset) {
        p.setMalformed(true);
        return false;
    }

    @Override
    public ExtensionDescriptor baseDescriptor() {
        return ExtensionDescriptor.base(family).build();
    }

    @Override
    public Match compileBase(Args args) {
        return null;
    }

    @Override
    public int protocolNumber(String name) {
        return -1;
    }
}
