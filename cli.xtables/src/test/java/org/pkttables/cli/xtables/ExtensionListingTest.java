package org.pkttables.cli.xtables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.Family;
import org.pkttables.api.RuleSpec;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.ListContext;
import org.pkttables.api.ext.ListTemplate;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;
import org.pkttables.api.ext.ParamTypes;

/**
 * The generic {@code -L} renderer on made-up descriptors: heads, templates with inversion and plural
 * placeholders, numeric and named forms, listed defaults, the save-syntax fallback of what declares no
 * listing, and the system names read from files.
 */
class ExtensionListingTest {
    /** A port range whose listing names port 22 unless numeric. */
    private static final ParamType<long[]> RANGE = new ParamType<>("lo[:hi]", 1) {
        @Override
        public long[] parse(List<String> words) {
            String[] p = words.get(0).split(":");
            return new long[] { Long.parseLong(p[0]), Long.parseLong(p[p.length - 1]) };
        }

        @Override
        public List<String> format(long[] v) {
            return List.of(v[0] == v[1] ? Long.toString(v[0]) : v[0] + ":" + v[1]);
        }

        @Override
        public List<String> listed(long[] v, ListContext ctx) {
            String lo = ctx.port((int) v[0], "tcp");
            return List.of(v[0] == v[1] ? lo : lo + ":" + ctx.port((int) v[1], "tcp"));
        }

        @Override
        public boolean plural(long[] v) {
            return v[0] != v[1];
        }
    };

    private static final Param<long[]> DPORT = Param.of("--dport", RANGE).invertible().listed("dpt{s}:{!}{v}");
    private static final Param<String> STATE = Param.of("--state", ParamTypes.string(20)).invertible()
            .listed("{! }state {v}");
    private static final Param<Long> LEVEL = Param.of("--level", ParamTypes.uint(0, 7))
            .listed("flags 0 level {v}", "level {v}").listedDefault(4L);
    private static final Param<Long> PLAIN = Param.of("--plain", ParamTypes.uint(0, 7)).invertible();

    private static final ExtensionDescriptor DEMO = ExtensionDescriptor.match("demo").ip().listing("demo")
            .params(DPORT, STATE, LEVEL, PLAIN).build();

    @TempDir
    Path etc;

    private SystemNames names() throws IOException {
        Files.writeString(etc.resolve("services"), "# comment\nssh\t\t22/tcp\t\t\t# SSH\nhttp 80/tcp www\n");
        Files.writeString(etc.resolve("protocols"), "ip 0 IP\ntcp 6 TCP\nipv6-icmp 58 IPv6-ICMP\n");
        Files.writeString(etc.resolve("hosts"), "127.0.0.1 localhost\n::1 ip6-localhost ip6-loopback\n");
        Files.writeString(etc.resolve("networks"), "loopback 127.0.0.0\n");
        return new SystemNames(etc);
    }

    private String text(List<String> words, boolean numeric) throws IOException {
        return ExtensionListing.text(DEMO, new RuleSpec.Call("demo", words), true, Family.IPV4,
                new ListNames(numeric, 6, names()));
    }

    @Test
    void templatesPrintInvertedPluralAndNamedValues() throws IOException {
        assertEquals(" demo dpt:ssh level 4", text(List.of("--dport", "22"), false));
        assertEquals(" demo dpt:22 flags 0 level 4", text(List.of("--dport", "22"), true));
        assertEquals(" demo dpts:!ssh:http level 4", text(List.of("!", "--dport", "22:80"), false));
        assertEquals(" demo ! state NEW flags 0 level 6",
                text(List.of("!", "--state", "NEW", "--level", "6"), true));
    }

    @Test
    void upperCaseValuesAndGluedPatterns() throws IOException {
        Param<Long> mac = Param.of("--mac", ParamTypes.mac()).invertible().listed("MAC{ !} {V}");
        Param<Long> type = Param.of("--type", ParamTypes.uint(0, 255)).invertible().listed("{<}{ !}type {v}");
        ExtensionDescriptor d = ExtensionDescriptor.match("m").ip().listing("icmp").params(type, mac).build();
        assertEquals(" icmptype 8 MAC ! 0A:0B:0C:0D:0E:0F", ExtensionListing.text(d, new RuleSpec.Call("m",
                List.of("--type", "8", "!", "--mac", "0a:0b:0c:0d:0e:0f")), true, Family.IPV4, new ListNames(true, -1, names())));
        assertEquals(" icmp !type 8", ExtensionListing.text(d, new RuleSpec.Call("m", List.of("!", "--type", "8")), true,
                Family.IPV4, new ListNames(true, -1, names())));
        assertThrows(IllegalArgumentException.class, () -> ListTemplate.of("type{<}"));
    }

    @Test
    void whatDeclaresNoTemplateListsInSaveSyntax() throws IOException {
        assertEquals(" demo level 4 ! --plain 3", text(List.of("!", "--plain", "3"), false));
        ExtensionDescriptor bare = ExtensionDescriptor.match("bare").ip().params(PLAIN).build();
        assertEquals(" bare --plain 3", ExtensionListing.text(bare, new RuleSpec.Call("bare", List.of("--plain", "3")),
                true, Family.IPV4, new ListNames(true, -1, names())));
        assertEquals(" gone --x 1", ExtensionListing.text(null, new RuleSpec.Call("gone", List.of("--x", "1")), true,
                Family.IPV4, new ListNames(true, -1, names())));
    }

    @Test
    void aFormatterDeclaredInTheDescriptorPrintsInsteadOfTemplates() throws IOException {
        ExtensionDescriptor odd = ExtensionDescriptor.target("ODD").ip().params(PLAIN)
                .listFormatter((a, ctx) -> " odd " + (ctx.numeric() ? a.get(PLAIN) : "named")).build();
        assertEquals(" odd 3", ExtensionListing.text(odd, new RuleSpec.Call("ODD", List.of("--plain", "3")), false,
                Family.IPV4, new ListNames(true, -1, names())));
    }

    @Test
    void badPatternsAreRefusedWhenDeclared() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListTemplate.of("dpt:{x}"));
        assertEquals("listing pattern \"dpt:{x}\": unknown placeholder {x} (want {v}, {V}, {q}, {!}, {! }, { !}, {s} or {<})",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ListTemplate.of("dpt:{v"));
    }

    @Test
    void systemNamesComeFromTheFilesAsTheResolverReadsThem() throws IOException {
        SystemNames n = names();
        assertEquals("ssh", n.service(22, "tcp"));
        assertEquals("http", n.service(80, "tcp"));
        assertEquals(null, n.service(22, "udp"));
        assertEquals("ipv6-icmp", n.protocol(58));
        assertEquals("localhost", n.host("127.0.0.1"));
        assertEquals("ip6-localhost", n.host("0:0::1"));
        assertEquals("loopback", n.network(0x7f000000L));
        assertEquals(null, n.host("10.0.0.1"));
        assertEquals(null, new SystemNames(etc.resolve("none")).service(22, "tcp"));
    }
}
