package org.pkttables.control.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class RestoreFileTest {
    @Test
    void theFileIsTheWordThatIsNeitherOptionNorOptionValue() {
        assertEquals(new RestoreFile(List.of("-n", "-T", "filter", "--counters"), "rules.v4"),
                RestoreFile.split(List.of("-n", "-T", "filter", "rules.v4", "--counters")));
        assertEquals(new RestoreFile(List.of("--table", "nat"), null), RestoreFile.split(List.of("--table", "nat")));
        assertEquals(new RestoreFile(List.of("-n"), null), RestoreFile.split(List.of("-n", "-")));
    }

    @Test
    void twoFilesAreAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RestoreFile.split(List.of("a", "b")));
        assertEquals("more than one input file: a and b", e.getMessage());
    }

    @Test
    void monitorCountMustBePositive() {
        assertEquals(3, MonitorArgs.count(List.of("--count", "3")));
        assertEquals(Long.MAX_VALUE, MonitorArgs.count(List.of()));
        assertThrows(IllegalArgumentException.class, () -> MonitorArgs.count(List.of("--count", "0")));
        assertThrows(IllegalArgumentException.class, () -> MonitorArgs.count(List.of("--count", "x")));
        assertThrows(IllegalArgumentException.class, () -> MonitorArgs.count(List.of("--bogus")));
    }
}
