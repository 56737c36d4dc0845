package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.ShellWords;

/**
 * The ipset command against transcripts of the real ipset 7.17 (src/test/oracle/*.cmds, recorded by
 * record.sh): the same commands, in order, must give the same exit status, output and errors. Every
 * command advances the clock by a millisecond, as the real commands took some, so a fresh 300 s
 * timeout lists as 299 in both.
 */
class IpsetOracleTest {
    private static final Pattern PIPED = Pattern.compile("printf '(.*)' \\| (ipset .*)");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basic", "extensions", "types", "restore", "ipmac"})
    void sameAsTheRealIpset(String transcript) {
        Fixture f = new Fixture();
        for (OracleTranscript.Step s : OracleTranscript.load(transcript)) {
            CommandFrontend.Result r = run(f, s.command());
            f.clock.advanceMillis(1);
            String where = transcript + ".cmds line " + s;
            assertEquals(OracleTranscript.normalize(s.out()), OracleTranscript.normalize(r.out()), where + " (stdout)");
            assertEquals(s.err(), r.err(), where + " (stderr)");
            assertEquals(s.exit(), r.exit(), where + " (exit)");
        }
    }

    private static CommandFrontend.Result run(Fixture f, String command) {
        Matcher m = PIPED.matcher(command);
        String stdin = null;
        if (m.matches()) {
            stdin = m.group(1).replace("\\n", "\n");
            command = m.group(2);
        }
        List<String> words = ShellWords.split(command);
        return f.h.frontend().run(words.get(0), words.subList(1, words.size()), stdin);
    }
}
