package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnusableJarReporterTest {
    @TempDir
    Path dir;

    private Path jar(String name, String bsn) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (bsn != null) {
            m.getMainAttributes().putValue("Bundle-SymbolicName", bsn);
        }
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return p;
    }

    @Test
    void claimsOnlyJarsThatAreNotBundlesAndSaysWhy() throws IOException {
        Path bundle = jar("good.jar", "org.example.good");
        Path plain = jar("plain.jar", null);
        Path garbage = Files.writeString(dir.resolve("garbage.jar"), "not a zip");
        UnusableJarReporter r = new UnusableJarReporter();

        assertNull(UnusableJarReporter.problem(bundle));
        assertFalse(r.canHandle(bundle.toFile()), "FileInstall installs real bundles itself");
        assertEquals("no Bundle-SymbolicName in its manifest", UnusableJarReporter.problem(plain));
        assertTrue(r.canHandle(plain.toFile()));
        assertTrue(UnusableJarReporter.problem(garbage).startsWith("not a readable jar: "),
                UnusableJarReporter.problem(garbage));
        assertTrue(r.canHandle(garbage.toFile()));
        assertFalse(r.canHandle(Files.writeString(dir.resolve("notes.txt"), "x").toFile()), "only jars");
    }
}
