package org.pkttables.tables.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pkttables.api.Family;
import org.pkttables.api.RuleRefusedException;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.ParamTypes;
import org.pkttables.api.ext.ValueMask;
import org.pkttables.tables.testing.Harness;

/**
 * A refused rule carries iptables 1.8.9's own words beside pkttables' contextual message: the engine derives
 * libxtables' generic refusals from the descriptor alone (an option twice, inverted, missing, excluded, needing
 * another, an integer out of range, a bad mark), the iptables front end prints them (with the blank line
 * 1.8.9 prints after those that end in a newline), and the engine's own message still names the extension
 * and option. The words are 1.8.9's as the real tool printed them (iptables-nft 1.8.9 in a network namespace).
 */
class ToolWordsTest {
    private static final String TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

    /** A match declaring what libxtables' option tables declare: ranges, XTOPT_INVERT, XTOPT_MAND, .excl, .also. */
    static final class Probe implements MatchType {
        static final Param<Long> LEVEL = Param.of("--level", ParamTypes.uint(1, 1000)).mandatory();
        static final Param<Long> UP = Param.of("--up", ParamTypes.uint(0, 0xffffffffL)).invertible();
        static final Param<Long> DOWN = Param.of("--down", ParamTypes.uint(0, 0xffffffffL));
        static final Param<ValueMask> MARK = Param.of("--mark", ParamTypes.valueMask32(false));
        static final Param<Boolean> REAP = Param.of("--reap", ParamTypes.flag());
        static final Param<Boolean> SECONDS = Param.of("--seconds", ParamTypes.flag());

        @Override
        public ExtensionDescriptor descriptor() {
            return ExtensionDescriptor.match("probe").families(Family.IPV4).params(LEVEL, UP, DOWN, MARK, REAP, SECONDS)
                    .exclusive(UP, DOWN).alsoRequires(REAP, SECONDS).build();
        }

        @Override
        public Match compile(Args a) {
            if (a.get(LEVEL) == 7) {
                throw new ParameterProblem("level 7 is reserved", "probe: level 7 is reserved");
            }
            return p -> true;
        }
    }

    private Harness h;

    @BeforeEach
    void setUp() {
        h = new Harness().with(new TestFamily.Ipv4(), new Probe());
    }

    private String refused(String rule) {
        org.pkttables.api.CommandFrontend.Result r = h.sh("iptables -A INPUT " + rule);
        assertEquals(2, r.exit(), r.err());
        String head = "iptables v1.8.9 (nf_tables): ";
        assertTrue(r.err().startsWith(head) && r.err().endsWith(TRY), r.err());
        return r.err().substring(head.length(), r.err().length() - TRY.length());
    }

    @Test
    void genericRefusalsInLibxtablesWords() {
        assertEquals("probe: option \"--level\" must be specified\n\n", refused("-m probe --up 1"));
        assertEquals("probe: option \"--up\" can only be used once.\n\n", refused("-m probe --level 1 --up 1 --up 2"));
        assertEquals("probe: option \"--down\" cannot be inverted.\n\n", refused("-m probe --level 1 ! --down 1"));
        assertEquals("probe: option \"--up\" cannot be used together with \"--down\".\n\n",
                refused("-m probe --level 1 --down 1 --up 2"));
        assertEquals("probe: option \"--reap\" also requires \"--seconds\".\n\n", refused("-m probe --level 1 --reap"));
        assertEquals("probe: bad value for option \"--level\", or out of range (1-1000).\n\n",
                refused("-m probe --level 1001"));
        assertEquals("probe: bad value for option \"--level\", or out of range (1-1000).\n\n",
                refused("-m probe --level x"));
        assertEquals("probe: bad integer value for option \"--mark\", or out of range.\n\n",
                refused("-m probe --level 1 --mark 1/0x100000000"));
        assertEquals("probe: trailing garbage after value for option \"--mark\".\n\n",
                refused("-m probe --level 1 --mark 1x"));
        assertEquals("option \"--level\" requires an argument\n", refused("-m probe --level"));
        assertEquals("unknown option \"--bogus\"\n", refused("-m probe --level 1 --bogus 1"));
        assertEquals("probe: level 7 is reserved\n", refused("-m probe --level 7"));
    }

    @Test
    void theEngineKeepsItsContextualMessage() {
        RuleSpec spec = new RuleSpec(List.of(), List.of(new RuleSpec.Call("probe", List.of("--level", "1", "--down", "1",
                "--up", "2"))), null, false);
        RuleRefusedException e = assertThrows(RuleRefusedException.class,
                () -> append(spec));
        assertEquals("match \"probe\": --up and --down exclude each other", e.getMessage());
        assertEquals("probe: option \"--up\" cannot be used together with \"--down\".\n", e.toolWords());
        assertNull(e.kernelError());
        RuleSpec range = new RuleSpec(List.of(), List.of(new RuleSpec.Call("probe", List.of("--level", "1001"))), null,
                false);
        e = assertThrows(RuleRefusedException.class, () -> append(range));
        assertEquals("match \"probe\": --level: value 1001 is outside 1..1000", e.getMessage());
    }

    private void append(RuleSpec spec) throws Exception {
        try (org.pkttables.api.Transaction t = h.ruleset().begin()) {
            t.append(Family.IPV4, "filter", "INPUT", spec);
        }
    }

    @Test
    void aRestoreNamesTheLineAfterTheWords() {
        org.pkttables.api.CommandFrontend.Result r = h.withInput("*filter\n-A INPUT -m probe --level 0\nCOMMIT\n", "iptables-restore");
        assertEquals(2, r.exit(), r.err());
        assertEquals("iptables-restore v1.8.9 (nf_tables): probe: bad value for option \"--level\", or out of range"
                + " (1-1000).\n\nError occurred at line: 2\nTry `iptables-restore -h' or 'iptables-restore --help' for"
                + " more information.\n", r.err());
    }
}
