package org.pkttables.ext.targets.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.tables.testing.Harness;

/**
 * Rules the targets refuse, in iptables 1.8.9's words through the iptables front end: the message after
 * {@code iptables v1.8.9 (nf_tables): } up to the {@code Try ...} line (a trailing {@code \n} is the blank
 * line 1.8.9 prints there). Each expected text is what iptables-nft 1.8.9 printed for the same rule in a
 * network namespace (the {@code .t} case file and line named first).
 */
class TargetRefusalWordsTest {
    private static final String HEAD = "iptables v1.8.9 (nf_tables): ";
    private static final String TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

    private final Harness h = AllExtensions.harness();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '~', textBlock = """
            libipt_REJECT.t:30 ; -j REJECT --reject-with icmp-echo-reply ; unknown reject type "icmp-echo-reply"
            libipt_TTL.t:8 ; -t mangle -j TTL --ttl-inc 0 ; TTL: bad value for option "--ttl-inc", or out of range (1-255).\\n
            libipt_TTL.t:10 ; -t mangle -j TTL --ttl-dec 1 --ttl-inc 1 ; TTL: option "--ttl-dec" cannot be used together with "--ttl-inc".\\n
            libipt_TTL.t:12 ; -t mangle -j TTL ; TTL: You must specify an action
            libipt_TTL.t:16 ; -t mangle -j TTL ! --ttl-set 1 ; TTL: option "--ttl-set" cannot be inverted.\\n
            libxt_CLASSIFY.t:9 ; -t mangle -j CLASSIFY --set-class 1: ; Bad class value "1:"
            libxt_DSCP.t:7 ; -t mangle -j DSCP --set-dscp 0x40 ; DSCP: bad value for option "--set-dscp", or out of range (0-63).\\n
            libxt_DSCP.t:12 ; -t mangle -j DSCP ; DSCP target: Parameter --set-dscp is required
            libxt_DSCP.t:15 ; -t mangle -j DSCP --set-dscp-class XX ; Invalid DSCP value `XX'
            libxt_HMARK.t:6 ; -j HMARK --hmark-tuple src --hmark-rnd 1 ; --hmark-mod is mandatory
            libxt_HMARK.t:12 ; -j HMARK --hmark-tuple src --hmark-rnd 4294967296 --hmark-mod 10 ; HMARK: bad value for option "--hmark-rnd", or out of range (0-4294967295).\\n
            libxt_LOG.t:29 ; -j LOG --log-level 8 ; log level "8" unknown\\n
            libxt_LOG.t:33 ; -j LOG --log-level 3 --log-level 4 ; LOG: option "--log-level" can only be used once.\\n
            libxt_MARK.t:22 ; -t mangle -j MARK --set-xmark 4294967296 ; MARK: bad integer value for option "--set-xmark", or out of range.\\n
            libxt_MARK.t:25 ; -t mangle -j MARK --and-mark 5/3 ; MARK: bad value for option "--and-mark", or out of range (0-4294967295).\\n
            libxt_MARK.t:26 ; -t mangle -j MARK --set-mark 5 --or-mark 3 ; MARK: option "--set-mark" cannot be used together with "--or-mark".\\n
            libxt_MARK.t:27 ; -t mangle -j MARK ; MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required
            libxt_TCPOPTSTRIP.t:10 ; -t mangle -p tcp -j TCPOPTSTRIP --strip-options 256 ; Bad TCP option value "256"
            libxt_TOS.t:15 ; -t mangle -j TOS ; TOS: An action is required
            libxt_TOS.t:17 ; -t mangle -j TOS --set-tos 0x10/0x100 ; Illegal value: "0x10/0x100"
            libxt_TOS.t:21 ; -t mangle -j TOS --and-tos 0x12 --or-tos 1 ; TOS: option "--and-tos" cannot be used together with "--or-tos".\\n
            """)
    void refusedInIptablesWords(String caseLine, String rule, String words) {
        String table = rule.startsWith("-t ") ? rule.substring(0, rule.indexOf(' ', 3) + 1) : "";
        String chain = table.isEmpty() ? "INPUT" : "PREROUTING";
        org.pkttables.api.CommandFrontend.Result r = h.sh("iptables " + table + "-A " + chain + " "
                + rule.substring(table.length()));
        assertEquals(2, r.exit(), caseLine + ": " + r.err());
        assertEquals(HEAD + words.replace("\\n", "\n") + "\n" + TRY, r.err(), caseLine);
    }
}
