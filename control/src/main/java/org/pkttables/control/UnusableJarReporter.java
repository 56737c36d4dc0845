package org.pkttables.control;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A jar in the deploy directory that is not a bundle (not a zip, no manifest, no
 * {@code Bundle-SymbolicName}) is silently skipped by FileInstall: no artifact listener claims it. This
 * one claims exactly those files and logs an error naming the jar and what is wrong with it, when it
 * arrives and when it changes, so a broken deployment is never silent.
 */
final class UnusableJarReporter implements ArtifactInstaller {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");
    UnusableJarReporter() {
    }

    /** Registers the reporter; null when FileInstall is not installed (the import is optional). */
    static ServiceRegistration<?> register(BundleContext ctx) {
        return ctx.registerService(ArtifactInstaller.class, new UnusableJarReporter(), null);
    }

    /** Why {@code jar} cannot be installed as a bundle, or null when it can. */
    static String problem(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            if (m == null) {
                return "no META-INF/MANIFEST.MF";
            }
            String bsn = m.getMainAttributes().getValue("Bundle-SymbolicName");
            return bsn == null || bsn.isBlank() ? "no Bundle-SymbolicName in its manifest" : null;
        } catch (IOException | SecurityException e) {
            return "not a readable jar: " + e.getMessage();
        }
    }

    @Override
    public boolean canHandle(File artifact) {
        return artifact.getName().endsWith(".jar") && artifact.isFile() && problem(artifact.toPath()) != null;
    }

    @Override
    public void install(File artifact) {
        report(artifact);
    }

    @Override
    public void update(File artifact) {
        report(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        LOG.log(System.Logger.Level.INFO, "deploy: " + artifact + " removed");
    }

    private static void report(File artifact) {
        LOG.log(System.Logger.Level.ERROR, "deploy: " + artifact + " is not a bundle ("
                + problem(artifact.toPath()) + "); not installed");
    }
}
