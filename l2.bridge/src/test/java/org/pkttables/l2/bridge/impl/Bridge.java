package org.pkttables.l2.bridge.impl;

import org.pkttables.tables.testing.Harness;

/** A core with the bridge family and every ebtables extension of this bundle. */
final class Bridge {
    private Bridge() {
    }

    static Harness harness() {
        return new Harness().with(new BridgeHandler(), new Ebt8023MatchType(), new EbtAmongMatchType(),
                new EbtArpMatchType(), new EbtIpMatchType(), new EbtIp6MatchType(), new EbtMarkMatchType(),
                new EbtPkttypeMatchType(), new EbtStpMatchType(), new EbtVlanMatchType(), new EbtLogMatchType(),
                new EbtMarkTargetType(), new EbtDnatTargetType(), new EbtSnatTargetType(),
                new EbtRedirectTargetType());
    }
}
