package org.pkttables.control;

import java.io.IOException;
import java.nio.file.Path;

/** {@link StateLockTest}'s second process: exits 0 when it got the lock, 3 (printing why) when refused. */
final class StateLockProbe {
    private StateLockProbe() {
    }

    public static void main(String[] args) {
        try (StateLock l = StateLock.acquire(Path.of(args[0]))) {
            System.exit(0);
        } catch (IOException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        }
    }
}
