package org.pkttables.ext.matches.impl;

import org.pkttables.api.Family;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.tables.testing.ExtArgs;

/** Parse, canonicalise and compile one match's options the way the core does, without the core. */
final class Compiled {
    private Compiled() {
    }

    static Match match(MatchType t, Family f, int proto, String line) {
        return t.compile(t.canonicalize(ExtArgs.parse(t.descriptor(), f, proto, line)));
    }

    static Match v4(MatchType t, String line) {
        return match(t, Family.IPV4, -1, line);
    }

    static Match v6(MatchType t, String line) {
        return match(t, Family.IPV6, -1, line);
    }

    static String listed(MatchType t, Family f, int proto, String line) {
        return ExtArgs.text(t.descriptor(), t.canonicalize(ExtArgs.parse(t.descriptor(), f, proto, line)));
    }
}
