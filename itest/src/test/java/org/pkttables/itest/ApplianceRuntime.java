package org.pkttables.itest;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ops4j.pax.exam.Option;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;
import org.pkttables.control.client.ControlClient;

/**
 * The runtime the integration tests start: the appliance's bundles minus the Gogo console (it would
 * read the test JVM's stdin), each from target/bundles (reactor artifacts are not in ~/.m2 during
 * {@code mvn verify}, so mvn: URLs cannot be used). Each configuration gets its own socket and state
 * directory.
 */
final class ApplianceRuntime {
    /** Where maven-dependency-plugin copied the bundles, version stripped from the names. */
    static final Path BUNDLES = Path.of(System.getProperty("pkttables.itest.bundles", "target/bundles"));
    static final Path WORK = Path.of(System.getProperty("pkttables.itest.work", "target/itest-work"));
    static final long TIMEOUT_SECONDS = 30;

    /** Started in this order (file names in target/bundles). */
    static final List<String> RUNTIME = List.of("org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component", "org.apache.felix.scr", "org.apache.felix.gogo.runtime", "jackson-core",
            "jackson-jr-objects", "core.api", "core.tables",
            "cli.xtables", "l3.ipv4", "l3.ipv6", "l3.arp", "ext.matches", "ext.targets", "control", "shell", "jna", "route",
            "io");

    /** The example extension; not part of the runtime, the tests install it. */
    static final Path PORTPARITY = BUNDLES.resolve("ext.portparity.jar");

    private ApplianceRuntime() {
    }

    static Option[] options(String name) {
        Path work;
        Path socketDir;
        try {
            work = Files.createDirectories(WORK).resolve(name + "-" + System.nanoTime());
            Files.createDirectories(work);
            // UNIX socket paths are limited to 107 bytes; a deep checkout must not break the tests.
            socketDir = Files.createTempDirectory("pkt-itest");
            // Empty again once the framework has stopped and the appliance removed its socket.
            socketDir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the work directories under " + WORK, e);
        }
        List<Option> o = new ArrayList<>();
        o.add(systemProperty("pkttables.socket").value(socketDir.resolve("ctl.sock").toString()));
        o.add(systemProperty("pkttables.state").value(work.resolve("state").toString()));
        // No boot script unless a test sets one after these options (Pax Exam's properties are the JVM's:
        // one test class's script must not run in the next one's framework).
        o.add(systemProperty("pkttables.config").value(""));
        for (String b : RUNTIME) {
            Path jar = BUNDLES.resolve(b + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " missing: run the build through 'mvn verify'");
            }
            o.add(bundle(jar.toUri().toString()));
        }
        o.add(junitBundles());
        o.add(cleanCaches());
        return o.toArray(new Option[0]);
    }

    /** Waits (without sleeping) for a service; fails the test naming it when it does not come. */
    static <T> T await(Class<T> type, String filter) throws InterruptedException {
        BundleContext ctx = FrameworkUtil.getBundle(ApplianceRuntime.class).getBundleContext();
        Filter f;
        try {
            String objectClass = "(objectClass=" + type.getName() + ")";
            f = ctx.createFilter(filter == null ? objectClass : "(&" + objectClass + filter + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(filter, e);
        }
        ServiceTracker<T, T> t = new ServiceTracker<>(ctx, f, null);
        t.open();
        try {
            T s = t.waitForService(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            if (s == null) {
                throw new AssertionError("no " + f + " service after " + TIMEOUT_SECONDS + " s");
            }
            return s;
        } finally {
            t.close();
        }
    }

    /** A client of the control socket, once the appliance has opened it (after its boot). */
    static ControlClient control() throws InterruptedException {
        Path socket = Path.of(System.getProperty("pkttables.socket"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!Files.exists(socket)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no control socket " + socket + " after " + TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(50);
        }
        return new ControlClient(socket);
    }
}
