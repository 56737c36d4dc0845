package org.pkttables.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.felix.service.command.Function;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.pkttables.api.CommandFrontend;
import org.pkttables.api.Ruleset;

@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApplianceBundlesStartIT {
    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return ApplianceRuntime.options("bundles");
    }

    @Test
    public void everyBundleResolvesAndStarts() {
        List<String> notActive = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getState() != Bundle.ACTIVE) {
                notActive.add(b.getSymbolicName() + " state " + b.getState());
            }
        }
        assertEquals(List.of(), notActive);
    }

    @Test
    public void theCoreOffersTheCommandFrontendAndRuleset() throws InterruptedException {
        CommandFrontend frontend = ApplianceRuntime.await(CommandFrontend.class, null);
        assertTrue(frontend.commands().toString(), frontend.commands().containsAll(
                List.of("iptables", "ip6tables", "arptables", "iptables-save", "iptables-restore", "ext")));
        ApplianceRuntime.await(Ruleset.class, null);
    }

    @Test
    public void theShellRegistersEveryFrontendCommandPlusMonitorInScopePkt() throws InterruptedException {
        CommandFrontend frontend = ApplianceRuntime.await(CommandFrontend.class, null);
        List<String> names = new ArrayList<>(frontend.commands());
        names.add("monitor");
        for (String name : names) {
            ApplianceRuntime.await(Function.class, "(osgi.command.scope=pkt)(osgi.command.function=" + name + ")");
        }
    }
}
