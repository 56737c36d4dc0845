package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The e2e lab as a JUnit 5 extension: what a test needs around {@code bin/pkttables run}, made before
 * it and removed after it, also when it fails. Registered on a static field
 * ({@code @RegisterExtension static final Lab LAB = Lab.bridge()...}) it lives for the class, on an
 * instance field for each test.
 *
 * <ul>
 * <li>{@link #bridge()} / {@link #router()}: three network namespaces, client -- veth -- appliance (two
 * ports, no kernel addresses, no IPv6) -- veth -- server, with the kernel's default veth offloads; the end
 * hosts' addresses (and, for a router, the appliance's addresses and the hosts' default routes through
 * them); the appliance started there in bridge or router mode and waited for until {@code ports} shows both
 * ports. With a {@link #neighbour} the client's side is a segment of its own: a kernel bridge in a fourth
 * namespace (a switch, no addresses) joins the client, the neighbour and the appliance's first port. Skips, saying why, when not root, when libpcap or a package named in {@link #packages} is not
 * installed ({@link #assumeInstalled}) or a tool named in {@link #needs} is missing. Namespace and
 * interface names are unique per run ({@link Netns}).
 * <li>{@link #launcher()}: a scratch home for appliances the test starts itself ({@link #start}), no root.
 * <li>{@link #namespaces()}: root, the tools and a home for namespaces the test makes with {@link Netns}.
 * </ul>
 * Every appliance is a {@link RunningAppliance} with its state, deploy folder and socket under
 * {@link #home}; when a test fails, the logs of the lab's appliances are printed.
 */
final class Lab implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private enum Mode {
        BRIDGE, ROUTER, LAUNCHER, NAMESPACES
    }

    /** An end host: its addresses and MAC, and (router mode) the appliance's addresses on its side. */
    private static final class Host {
        final List<String> addresses;
        String mac;
        List<String> gateway = List.of();
        List<String> routes = List.of("default");

        Host(String... addresses) {
            this.addresses = List.of(addresses);
        }
    }

    private final Mode mode;
    private Host client;
    private Host server;
    private Host neighbour;
    private Host last;
    private boolean oneEndNamespace;
    private Integer workers;
    private boolean startsItself = true;
    private final List<String> tools = new ArrayList<>();
    private final List<String> packages = new ArrayList<>(List.of("libpcap0.8"));
    private final Map<String, String> deployFiles = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    private String test;
    private Path home;
    private Netns net;
    private String nsC;
    private String nsF;
    private String nsS;
    private String nsN;
    private final List<RunningAppliance> appliances = new ArrayList<>();
    private RunningAppliance appliance;
    private boolean forTheClass;

    private Lab(Mode mode) {
        this.mode = mode;
    }

    // ---- the description ----

    /** The appliance bridges client and server: {@code run --bridge PORT0,PORT1}. */
    static Lab bridge() {
        return new Lab(Mode.BRIDGE);
    }

    /** The appliance routes between client and server: {@code run --config} with its addresses and ports. */
    static Lab router() {
        return new Lab(Mode.ROUTER);
    }

    /**
     * Router mode between two nets, as the kernel selftest netfilter/rpath.sh lays them out: the client
     * 10.0.1.2/24, fd00:1::2/64 behind the appliance's 10.0.1.1, fd00:1::1; the server 10.0.2.2/24,
     * fd00:2::2/64 behind its 10.0.2.1, fd00:2::1.
     */
    static Lab routerBetweenTwoNets() {
        return router().client("10.0.1.2/24", "fd00:1::2/64").gateway("10.0.1.1/24", "fd00:1::1/64")
                .server("10.0.2.2/24", "fd00:2::2/64").gateway("10.0.2.1/24", "fd00:2::1/64");
    }

    /** No network: a scratch home in which the test starts its appliances ({@link #start}). */
    static Lab launcher() {
        Lab l = new Lab(Mode.LAUNCHER);
        l.startsItself = false;
        return l;
    }

    /** Root and a home for a lab of namespaces the test makes itself ({@link KernelRouterLab}); no appliance. */
    static Lab namespaces() {
        Lab l = new Lab(Mode.NAMESPACES);
        l.startsItself = false;
        return l;
    }

    /** The client (on the appliance's first port) with these addresses (IPv6 ones without DAD). */
    Lab client(String... addresses) {
        client = last = new Host(addresses);
        return this;
    }

    /** The server (on the appliance's second port) with these addresses. */
    Lab server(String... addresses) {
        server = last = new Host(addresses);
        return this;
    }

    /**
     * A second host on the client's segment (router mode: its default routes via the client's gateway
     * addresses), for traffic that leaves the appliance by the port it came in on (hairpin NAT).
     */
    Lab neighbour(String... addresses) {
        neighbour = last = new Host(addresses);
        return this;
    }

    /** The MAC address of the host named last. */
    Lab mac(String address) {
        last.mac = address;
        return this;
    }

    /** Router mode: the appliance's addresses toward the host named last, that host's default routes via them. */
    Lab gateway(String... addresses) {
        last.gateway = List.of(addresses);
        return this;
    }

    /**
     * Router mode: the host named last routes only these prefixes via the appliance (each via its gateway
     * address of the same family), not its default.
     */
    Lab routes(String... prefixes) {
        last.routes = List.of(prefixes);
        return this;
    }

    /**
     * Both ends in one namespace (a traffic generator holding the client's and the server's interface),
     * without addresses and without IPv6, so it sends nothing of its own.
     */
    Lab bothEndsInOneNamespace() {
        oneEndNamespace = true;
        client = new Host();
        server = new Host();
        return this;
    }

    /** {@code run --workers N}. */
    Lab workers(int n) {
        workers = n;
        return this;
    }

    /** Tools the test runs: it is skipped, naming the missing one, unless each is on the PATH. */
    Lab needs(String... tool) {
        tools.addAll(List.of(tool));
        return this;
    }

    /**
     * Debian packages the test needs (a tool's command name alone does not tell whose it is): it is skipped,
     * with the apt-get line, unless each is installed ({@link #assumeInstalled}).
     */
    Lab packages(String... debian) {
        packages.addAll(List.of(debian));
        return this;
    }

    /** A file put into the deploy folder before the appliance starts (FileInstall reads it at start). */
    Lab deployFile(String name, String text) {
        deployFiles.put(name, text);
        return this;
    }

    /** An environment variable of the appliances started from now on (systemd's NOTIFY_SOCKET ...). */
    Lab environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The test starts the appliance itself ({@link #start} or {@link #launch}); the lab only prepares. */
    Lab startedByTheTest() {
        startsItself = false;
        return this;
    }

    // ---- the extension ----

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        forTheClass = true;
        build(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!forTheClass) {
            build(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            printLogs();
        }
        if (!forTheClass) {
            tearDown();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (forTheClass) {
            if (context.getExecutionException().isPresent()) {
                printLogs();
            }
            tearDown();
        }
    }

    private void build(ExtensionContext context) throws Exception {
        test = context.getRequiredTestClass().getSimpleName();
        List<String> needed = new ArrayList<>(tools);
        if (mode != Mode.LAUNCHER) {
            assumeTrue("root".equals(System.getProperty("user.name")) || uid() == 0, test
                    + " needs root (network namespaces, raw sockets): skipped when not run as root");
            if (mode != Mode.NAMESPACES) {
                assumeInstalled(test, packages.toArray(new String[0]));
            }
            needed.add(0, "ip");
        }
        for (String tool : needed) {
            assumeTrue(onPath(tool), test + " needs `" + tool + "`: not installed, skipped");
        }
        home = Files.createTempDirectory("pkt-e2e-" + test + "-");
        net = new Netns(test.replace("NetnsIT", "").replace("IT", ""));
        try {
            if (mode == Mode.BRIDGE || mode == Mode.ROUTER) {
                network();
            }
            Files.createDirectories(home.resolve("deploy"));
            for (Map.Entry<String, String> f : deployFiles.entrySet()) {
                Files.writeString(home.resolve("deploy").resolve(f.getKey()), f.getValue());
            }
            if (startsItself) {
                start("appliance");
            }
        } catch (Exception | AssertionError e) {
            printLogs();
            tearDown();
            throw e;
        }
    }

    /** The namespaces, links, addresses and routes; the appliance's namespace has no IPv6 at all. */
    private void network() throws Exception {
        nsF = net.add("f");
        Netns.noIpv6(nsF);
        if (oneEndNamespace) {
            nsC = nsS = net.add("g");
            Netns.noIpv6(nsC);
        } else {
            nsC = net.add("c");
            nsS = net.add("s");
        }
        if (neighbour == null) {
            Netns.veth(nsC, clientDev(), client.mac, nsF, port(0), null);
        } else {
            switchedClientSide();
        }
        Netns.veth(nsS, serverDev(), server.mac, nsF, port(1), null);
        host(nsC, clientDev(), client);
        host(nsS, serverDev(), server);
        for (int i = 0; i < 2; i++) {
            sh("ip", "-n", nsF, "link", "set", port(i), "up");
        }
        routes(nsC, client);
        routes(nsS, server);
        if (neighbour != null) {
            neighbour.gateway = client.gateway;
            host(nsN, neighbourDev(), neighbour);
            routes(nsN, neighbour);
        }
    }

    /**
     * The client's segment with a neighbour: a switch namespace whose kernel bridge (no STP, no multicast
     * snooping, no addresses, no IPv6) joins the client, the neighbour and the appliance's first port.
     */
    private void switchedClientSide() throws Exception {
        String nsW = net.add("w");
        Netns.noIpv6(nsW);
        nsN = net.add("n");
        String br = net.dev("wb");
        Proc.Result made = sh0("ip", "-n", nsW, "link", "add", br, "type", "bridge", "stp_state", "0",
                "mcast_snooping", "0");
        assumeTrue(made.exit() == 0, test + " needs the kernel's bridge (its switch): `ip link add type bridge` failed,"
                + " skipped: " + made.err().trim());
        Netns.veth(nsW, net.dev("w0"), null, nsF, port(0), null);
        Netns.veth(nsC, clientDev(), client.mac, nsW, net.dev("w1"), null);
        Netns.veth(nsN, neighbourDev(), neighbour.mac, nsW, net.dev("w2"), null);
        for (String dev : new String[] { net.dev("w0"), net.dev("w1"), net.dev("w2") }) {
            sh("ip", "-n", nsW, "link", "set", dev, "master", br, "up");
        }
        sh("ip", "-n", nsW, "link", "set", br, "up");
    }

    /** Router mode: the host's default routes (or its {@link #routes}) via the appliance's addresses on its side. */
    private static void routes(String ns, Host h) throws Exception {
        for (String gw : h.gateway) {
            boolean v6 = gw.contains(":");
            String via = gw.substring(0, gw.indexOf('/'));
            for (String to : h.routes) {
                if (to.equals("default") || to.contains(":") == v6) {
                    sh(v6 ? new String[] { "ip", "-n", ns, "-6", "route", "add", to, "via", via }
                            : new String[] { "ip", "-n", ns, "route", "add", to, "via", via });
                }
            }
        }
    }

    private static void host(String ns, String dev, Host h) throws Exception {
        for (String a : h.addresses) {
            sh(a.contains(":") ? new String[] { "ip", "-n", ns, "addr", "add", a, "dev", dev, "nodad" }
                    : new String[] { "ip", "-n", ns, "addr", "add", a, "dev", dev });
        }
        sh("ip", "-n", ns, "link", "set", dev, "up");
    }

    private void printLogs() {
        for (RunningAppliance a : appliances) {
            try {
                System.err.println("--- " + test + ": log of appliance `" + a.name() + "':\n" + a.log());
            } catch (IOException e) {
                System.err.println("--- " + test + ": log of appliance `" + a.name() + "' unreadable: " + e);
            }
        }
    }

    /** Ends the appliances and the processes, removes the namespaces and the home; never throws. */
    private void tearDown() {
        for (int i = appliances.size() - 1; i >= 0; i--) {
            appliances.get(i).close();
        }
        appliances.clear();
        appliance = null;
        if (net != null) {
            net.close();
            net = null;
        }
        if (home != null) {
            sh0("rm", "-rf", home.toString());
            home = null;
        }
    }

    // ---- the appliance ----

    /**
     * Starts an appliance as the lab describes it (bridge or router mode on the two ports, or plain),
     * {@code options} added to its command line, output in {@code home/NAME.log}; waits until {@code ports}
     * shows both ports (bridge, router) or {@code ctl ping} answers (launcher, namespaces). It becomes {@link #appliance}.
     */
    RunningAppliance start(String name, String... options) throws Exception {
        RunningAppliance a = launch(name, options);
        if (mode == Mode.LAUNCHER || mode == Mode.NAMESPACES) {
            a.awaitCtl("the control socket to answer", 90, r -> r.exit() == 0, "ping");
        } else {
            awaitPorts(a, 90);
        }
        return a;
    }

    /** As {@link #start}, without waiting for anything. */
    RunningAppliance launch(String name, String... options) throws Exception {
        List<String> o = new ArrayList<>();
        if (mode == Mode.BRIDGE) {
            o.addAll(List.of("--bridge", ports()));
        } else if (mode == Mode.ROUTER) {
            o.addAll(List.of("--config", routerConfig().toString()));
        }
        if (workers != null) {
            o.addAll(List.of("--workers", workers.toString()));
        }
        o.addAll(List.of(options));
        appliance = RunningAppliance.launch(net, home, name, nsF, o, environment);
        appliances.add(appliance);
        return appliance;
    }

    /** Waits until {@code ports} of {@code a} starts with {@code bridge: 2 ports} (or {@code router:}). */
    void awaitPorts(RunningAppliance a, int seconds) throws Exception {
        String up = mode.name().toLowerCase(java.util.Locale.ROOT) + ": 2 ports";
        a.awaitCtl("the " + mode.name().toLowerCase(java.util.Locale.ROOT) + " to come up (`" + up + "')", seconds,
                r -> r.exit() == 0 && r.out().startsWith(up), "ports");
    }

    /** Router mode's script: the appliance's addresses on its ports, then the mode. */
    private Path routerConfig() throws IOException {
        List<String> lines = new ArrayList<>(List.of("# router mode: the appliance's addresses, then its ports"));
        for (String a : client.gateway) {
            lines.add("ip addr add " + a + " dev " + port(0));
        }
        for (String a : server.gateway) {
            lines.add("ip addr add " + a + " dev " + port(1));
        }
        lines.add("mode router " + ports());
        lines.add("");
        return Files.writeString(home.resolve("router.conf"), String.join("\n", lines));
    }

    /** The appliance started last. */
    RunningAppliance appliance() {
        return appliance;
    }

    /** {@code ctl ARGS...} to the lab's control socket (the appliance started last, if one answers). */
    Proc.Result ctl(String... args) throws IOException, InterruptedException {
        return Proc.exec(RunningAppliance.ctlCommand(home.resolve("ctl.sock"), args), null);
    }

    // ---- the lab's places ----

    /**
     * A further namespace of the lab (loopback up, nothing else), removed with it: a kernel to compare the
     * appliance with, say. Its name is unique on the machine ({@link Netns#add}).
     */
    String namespace(String role) throws Exception {
        return net.add(role);
    }

    /** The lab's scratch folder: the appliances' state, deploy folders, sockets and logs. */
    Path home() {
        return home;
    }

    String clientNs() {
        return nsC;
    }

    String serverNs() {
        return nsS;
    }

    /** The {@link #neighbour}'s namespace. */
    String neighbourNs() {
        return nsN;
    }

    String applianceNs() {
        return nsF;
    }

    String clientDev() {
        return net.dev(oneEndNamespace ? "g0" : "c0");
    }

    String serverDev() {
        return net.dev(oneEndNamespace ? "g1" : "s0");
    }

    String neighbourDev() {
        return net.dev("n0");
    }

    /** The appliance's port toward the client (0) or the server (1). */
    String port(int i) {
        return net.dev("f" + i);
    }

    /** {@code PORT0,PORT1}. */
    String ports() {
        return port(0) + "," + port(1);
    }

    Proc.Result inClient(String... cmd) throws Exception {
        return Netns.in(nsC, cmd);
    }

    Proc.Result inServer(String... cmd) throws Exception {
        return Netns.in(nsS, cmd);
    }

    Proc.Result inNeighbour(String... cmd) throws Exception {
        return Netns.in(nsN, cmd);
    }

    /** Runs {@code cmd} in namespace {@code ns} (null: here) until the lab ends; output in {@code home/NAME.log}. */
    Process background(String name, String ns, String... cmd) throws IOException {
        return net.background(home, name, ns == null ? List.of(cmd) : Netns.inNs(ns, cmd));
    }

    /** Starts {@code pb} (its redirections the caller's) and ends it with the lab. */
    Process background(ProcessBuilder pb) throws IOException {
        return net.track(pb);
    }

    /** What {@link #background} command {@code name} (or appliance {@code name}) wrote so far. */
    String log(String name) throws IOException {
        Path f = home.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "(no " + name + " log)";
    }

    /** {@code python3 -m http.server PORT --bind ADDRESS --directory HOME} in the server namespace, listening. */
    void httpServer(String bind, int port) throws Exception {
        background("http" + port, nsS, "python3", "-m", "http.server", String.valueOf(port), "--bind", bind,
                "--directory", home.toString());
        awaitListening("the HTTP server on port " + port, nsS, bind.equals("::") ? "::1" : bind.equals("0.0.0.0")
                ? "127.0.0.1" : bind, port);
    }

    /** Waits (30 s) until a TCP connection from namespace {@code ns} to {@code host} port {@code port} succeeds. */
    static void awaitListening(String what, String ns, String host, int port) throws Exception {
        waitFor(what + " to listen", () -> Netns.in(ns, "python3", "-c",
                "import socket; socket.create_connection(('" + host + "', " + port + "), 1).close()").exit() == 0);
    }

    // ---- small helpers every e2e test uses ----

    /** A condition polled by {@link #waitFor}. */
    interface Check {
        boolean ok() throws Exception;
    }

    /** Runs a command that must succeed. */
    static Proc.Result sh(String... cmd) throws Exception {
        Proc.Result r = Proc.exec(List.of(cmd), null);
        assertEquals(0, r.exit(), String.join(" ", cmd) + ": " + r.err() + r.out());
        return r;
    }

    /** Runs a command whose failure is acceptable (clean-up); never throws. */
    static Proc.Result sh0(String... cmd) {
        try {
            return Proc.exec(List.of(cmd), null);
        } catch (IOException | InterruptedException e) {
            return new Proc.Result(-1, "", e.toString());
        }
    }

    static void assertOk(Proc.Result r) {
        assertEquals(0, r.exit(), "exit " + r.exit() + ": " + r.out() + r.err());
    }

    static void waitFor(String what, Check c) throws Exception {
        waitFor(what, c, 30);
    }

    /** Polls {@code c} every 200 ms for at most {@code seconds}; fails naming {@code what}. */
    static void waitFor(String what, Check c, int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < end) {
            if (c.ok()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
    }

    /**
     * Skips the calling test unless the Debian packages are installed, with what is missing and the
     * apt-get line ({@code bin/pkttables-deps --check}, the project's one list of them, answers).
     */
    static void assumeInstalled(String test, String... packages) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Proc.ROOT.resolve("bin/pkttables-deps").toString(), "--check"));
        cmd.addAll(List.of(packages));
        Proc.Result r = Proc.exec(cmd, null);
        assertNotEquals(2, r.exit(), "bin/pkttables-deps does not know " + List.of(packages) + ": " + r.err());
        String why = test + " needs " + String.join(", ", packages) + ": skipped. " + r.err().trim();
        if (r.exit() != 0) {
            // Failsafe reports a class whose @BeforeAll skipped as 0 tests, without the message: say it here.
            System.err.println(why);
        }
        assumeTrue(r.exit() == 0, why);
    }

    static long uid() {
        try {
            return Long.parseLong(Proc.exec(List.of("id", "-u"), null).out().trim());
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return -1;
        }
    }
}
