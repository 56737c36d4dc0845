package org.pkttables.ext.ipset.impl;

import org.pkttables.api.PacketContext;
import org.pkttables.api.ext.Match;
import org.pkttables.ext.ipset.api.SetContents;
import org.pkttables.ext.ipset.api.SetLookup;

/**
 * A compiled set match. The result follows the kernel's ip_set_test: a nomatch entry is no match,
 * and with {@code --return-nomatch} (in sets that have nomatch entries) the two are exchanged.
 */
record SetMatch(SetSlot slot, SetLookup spec, boolean invert, boolean returnNomatch) implements Match {
    @Override
    public boolean matches(PacketContext p) {
        SetContents c = slot.contents();
        int r = c.lookup(p, spec);
        boolean hit;
        if (returnNomatch && c.supportsNomatch()) {
            hit = r == SetContents.NOMATCH;
        } else {
            hit = r == SetContents.MATCH;
        }
        return hit != invert;
    }
}
