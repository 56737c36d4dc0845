package org.pkttables.ext.ipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.jr.ob.JSON;

import org.junit.jupiter.api.Test;

/** {@code ipset list [-terse] [SET] --json}: the header fields of {@code ipset list} and the members. */
class IpsetJsonTest {
    @Test
    void listAsJson() throws IOException {
        Fixture f = new Fixture();
        f.ok("ipset create blocked hash:ip");
        f.ok("ipset add blocked 192.0.2.7");
        f.ok("ipset add blocked 192.0.2.9");
        f.ok("ipset create ports bitmap:port range 1-1024");
        List<?> sets = (List<?>) JSON.std.mapFrom(f.ok("ipset list --json")).get("sets");
        assertEquals(2, sets.size());
        Map<?, ?> blocked = (Map<?, ?>) sets.get(0);
        assertEquals("blocked", blocked.get("name"));
        assertEquals("hash:ip", blocked.get("type"));
        assertEquals(2, blocked.get("entries"));
        assertEquals(List.of("192.0.2.7", "192.0.2.9"),
                ((List<?>) blocked.get("members")).stream().map(String::valueOf).sorted().toList());
        Map<?, ?> terse = (Map<?, ?>) ((List<?>) JSON.std.mapFrom(f.ok("ipset list -terse ports --json")).get("sets"))
                .get(0);
        assertEquals("ports", terse.get("name"));
        assertEquals(0, terse.get("entries"));
        assertFalse(terse.containsKey("members"));
        f.fails(1, "ipset list nosuchset --json");
    }
}
