package org.pkttables.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.junit.AssumptionViolatedException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.pkttables.api.CommandExtension;
import org.pkttables.api.CommandFrontend.Result;

/**
 * io's embedded pcap4j really runs inside Felix: its classes load from the bundle's own class path,
 * JNA comes from its bundle with the native dispatch library, and libpcap answers. The {@code ports}
 * command without a bridge reports the libpcap version through that whole chain (no root needed).
 * Without libpcap on the machine (JNA, loaded from its bundle, answers "Unable to load library 'pcap'"
 * and nothing else went wrong), the version test skips with what to install.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IoLoadsPcapIT {
    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return ApplianceRuntime.options("io");
    }

    @Test
    public void portsWithoutABridgeReportsTheLibpcapVersion() throws Exception {
        ApplianceRuntime.await(CommandExtension.class, null);
        CommandExtension ports = command("ports");
        Result r = ports.run(List.of(), null);
        assertEquals(r.err(), 0, r.exit());
        assertTrue(r.out(), r.out().contains("no bridge"));
        if (libpcapMissing(r.out())) {
            skip("libpcap is not installed (apt-get install libpcap0.8; run as root, `mvn -B verify` installs it):"
                    + " skipped. ports said: " + r.out());
        }
        assertTrue("libpcap loaded through JNA inside Felix: " + r.out(), r.out().contains("libpcap version"));
    }

    @Test
    public void pcap4jStaysPrivateToIo() {
        for (org.osgi.framework.Bundle b : context.getBundles()) {
            String exports = b.getHeaders().get("Export-Package");
            assertTrue(b.getSymbolicName() + " exports pcap4j", exports == null || !exports.contains("org.pcap4j"));
        }
    }

    /**
     * The system has no libpcap: the only failure is JNA not finding the library itself (JNA's own classes
     * and native dispatch loaded, or it could not have said so). Any other failure is the test's to report.
     */
    static boolean libpcapMissing(String portsOut) {
        return portsOut.contains("libpcap not loadable: java.lang.UnsatisfiedLinkError: Unable to load library 'pcap'");
    }

    /**
     * Skips the test. Pax Exam runs the method through JUnitCore inside the framework, which drops an
     * assumption failure (the test would count as passed), and that JUnit is the framework's, not the
     * runner's. So the assumption is made of the runner's class (the system class loader's) and thrown as
     * the cause of a failure: the runner outside unwinds the failure to its root cause and reports the test
     * as skipped with the message.
     */
    private static void skip(String why) throws Exception {
        Throwable assumption;
        try {
            assumption = (Throwable) ClassLoader.getSystemClassLoader().loadClass("org.junit.AssumptionViolatedException")
                    .getConstructor(String.class).newInstance(why);
        } catch (ClassNotFoundException e) {
            assumption = new AssumptionViolatedException(why); // reported as an error, with the message
        }
        throw new IllegalStateException(why, assumption);
    }

    private CommandExtension command(String name) throws Exception {
        for (int i = 0; i < 300; i++) {
            for (ServiceReference<CommandExtension> ref : context.getServiceReferences(CommandExtension.class, null)) {
                CommandExtension c = context.getService(ref);
                if (c != null && name.equals(c.name())) {
                    return c;
                }
            }
            Thread.sleep(100);
        }
        assertNotNull("no CommandExtension named " + name, null);
        return null;
    }
}
