package org.pkttables.control;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waits until everything the saved rules may use is there: the framework has started, the launcher has
 * started every bundle of the runtime, and every bundle already lying in the deploy directory has been
 * installed and started by FileInstall. Restoring earlier would reject rules whose extension was merely
 * late.
 */
final class StartupBarrier {
    private static final System.Logger LOG = System.getLogger("org.pkttables.control");
    /** Framework property naming the service filter to wait for ({@code bin/pkttables} sets it). */
    static final String AWAIT = "pkttables.await";
    /** The bnd launcher's service property once it has started all run bundles. */
    static final String LAUNCHER_READY = "(launcher.ready=true)";
    /** A deployed bundle that does not start within this is reported and left behind. */
    static final long DEPLOY_TIMEOUT_SECONDS = 30;

    private final BundleContext context;

    StartupBarrier(BundleContext context) {
        this.context = context;
    }

    void await() throws InterruptedException {
        awaitFrameworkStarted();
        String filter = context.getProperty(AWAIT);
        if (filter != null && !filter.isBlank()) {
            awaitService(filter.equals("launcher.ready") ? LAUNCHER_READY : filter);
        }
        String deploy = context.getProperty("felix.fileinstall.dir");
        if (deploy != null && !deploy.isBlank()) {
            awaitDeployed(Path.of(deploy));
        }
    }

    private void awaitFrameworkStarted() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        FrameworkListener l = e -> {
            if (e.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            }
        };
        context.addFrameworkListener(l);
        try {
            if (context.getBundle(0).getState() == Bundle.ACTIVE) {
                started.countDown();
            }
            started.await();
        } finally {
            context.removeFrameworkListener(l);
        }
    }

    private void awaitService(String filter) throws InterruptedException {
        ServiceTracker<Object, Object> t;
        try {
            t = new ServiceTracker<>(context, context.createFilter(filter), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(AWAIT + ": bad filter " + filter, e);
        }
        t.open(true);
        try {
            t.waitForService(0);
        } finally {
            t.close();
        }
    }

    /** Waits for every jar in {@code dir} to be an ACTIVE bundle (FileInstall installs them by file URI). */
    private void awaitDeployed(Path dir) throws InterruptedException {
        Set<Path> pending = new HashSet<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, "*.jar")) {
                for (Path j : jars) {
                    String problem = UnusableJarReporter.problem(j);
                    if (problem != null) {
                        // FileInstall will not install it: do not wait for it (UnusableJarReporter logs it).
                        continue;
                    }
                    pending.add(j.toAbsolutePath().normalize());
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list deploy directory " + dir + ": " + e);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        BundleTracker<Object> t = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public Object addingBundle(Bundle b, BundleEvent e) {
                synchronized (pending) {
                    if (pending.remove(pathOf(b.getLocation())) && pending.isEmpty()) {
                        done.countDown();
                    }
                }
                return null;
            }
        };
        t.open();
        try {
            if (!done.await(DEPLOY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                synchronized (pending) {
                    LOG.log(System.Logger.Level.WARNING, "deployed bundle(s) not started after " + DEPLOY_TIMEOUT_SECONDS
                            + " s, restoring without them: " + pending.stream().map(p -> p.getFileName().toString())
                                    .sorted().collect(Collectors.joining(", ")));
                }
            }
        } finally {
            t.close();
        }
    }

    private static Path pathOf(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
