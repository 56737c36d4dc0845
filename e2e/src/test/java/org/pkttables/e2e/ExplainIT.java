package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code explain} through the appliance ({@code bin/pkttables batch}): the path of a packet through a
 * ruleset with a user chain, a jump, a RETURN, a REJECT and a rewriting target, and no counter moves.
 */
class ExplainIT {
    @Test
    void explainShowsThePathAndCountsNothing() throws Exception {
        Path dir = Proc.ROOT.resolve("e2e/src/test/resources/org/pkttables/e2e");
        Proc.Result r = Proc.exec(List.of(Proc.ROOT.resolve("bin/pkttables").toString(), "batch",
                dir.resolve("explain.batch").toString()), null);
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(dir.resolve("explain.expected")), r.out());
    }
}
