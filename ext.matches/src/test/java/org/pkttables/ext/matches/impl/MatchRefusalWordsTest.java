package org.pkttables.ext.matches.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pkttables.l3.ipv4.impl.Ipv4Handler;
import org.pkttables.l3.ipv6.impl.Ipv6Handler;
import org.pkttables.tables.testing.Harness;

/**
 * Rules the matches refuse, in iptables 1.8.9's words through the iptables front end: the message after
 * {@code iptables v1.8.9 (nf_tables): } up to the {@code Try ...} line (a trailing {@code \n} is the blank
 * line 1.8.9 prints there). Each expected text is what iptables-nft 1.8.9 printed for the same rule in a
 * network namespace (the {@code .t} case file and line named first).
 */
class MatchRefusalWordsTest {
    private static final String HEAD = "iptables v1.8.9 (nf_tables): ";
    private static final String TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

    private final Harness h = new Harness().with(new Ipv4Handler(), new Ipv6Handler(), new TcpMatchType(),
            new IcmpMatchType(), new MarkMatchType(), new MultiportMatchType(), new U32MatchType(), new TimeMatchType(),
            new StatisticMatchType(), new LimitMatchType(), new HashlimitMatchType(), new LengthMatchType(),
            new TosMatchType(), new StringMatchType(), new MacMatchType());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '~', textBlock = """
            libxt_u32.t:15 ; -m u32 --u32 "" ; u32: abrupt end of input after location specifier
            libxt_u32.t:18 ; -m u32 --u32 0=x ; u32: at char 2: not a number or out of range
            libxt_u32.t:21 ; -m u32 --u32 1=2&&3=4&&5=6&&7=8&&9=10&&11=12&&13=14&&15=16&&17=18&&19=20&&21=22 ; u32: at char 66: too many "&&"s
            libxt_u32.t:25 ; -m u32 --u32 0@1@2@3@4@5@6@7@8@9@10=0 ; u32: at char 22: too many operators
            libxt_u32.t:47 ; -m u32 --u32 0x=0 ; u32: at char 1: operator expected
            libxt_time.t:30 ; -m time --datestart 1969-12-31 ; Invalid date "1969-12-31" specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]
            libxt_statistic.t:9 ; -m statistic --mode random --probability 1.5 ; statistic: bad value for option "--probability", or out of range (0-1).\\n
            libxt_statistic.t:12 ; -m statistic --mode nth --every 3 ; statistic: option "--every" also requires "--packet".\\n
            libxt_statistic.t:14 ; -m statistic --mode nth --every 3 --packet 3 ; the --packet p must be 0 <= p <= n-1
            libxt_statistic.t:21 ; -m statistic --mode foo ; Bad mode "foo"
            libxt_limit.t:14 ; -m limit --limit 10001/sec ; Rate too fast "10001/sec"
            libxt_limit.t:21 ; -m limit --limit 0/sec ; bad rate "0/sec"'
            libxt_limit.t:28 ; -m limit --limit-burst 10001 ; limit: bad value for option "--limit-burst", or out of range (0-10000).\\n
            libxt_hashlimit.t:26 ; -m hashlimit --hashlimit-upto 0/sec --hashlimit-name foo ; hashlimit: Bad value for "--hashlimit-upto" option: "0/sec"
            libxt_hashlimit.t:13 ; -m hashlimit --hashlimit-upto 1/sec --hashlimit-above 1/sec --hashlimit-name foo ; hashlimit: option "--hashlimit-upto" cannot be used together with "--hashlimit-above".\\n
            libxt_hashlimit.t:32 ; -m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-burst 0 ; bad value for option "--hashlimit-burst", or out of range (1-1000000).
            libxt_hashlimit.t:36 ; -m hashlimit --hashlimit-upto 1/sec --hashlimit-name foo --hashlimit-mode foo ; hashlimit: Bad value for "--hashlimit-mode" option: "foo"
            libxt_length.t:10 ; -m length --length 0:65536 ; length: bad value for option "--length" near "65536", or out of range (0-65535).\\n
            libxt_length.t:11 ; -m length --length -1:65535 ; length: bad value for option "--length" near "-1:65535", or out of range (0-65535).\\n
            libxt_multiport.t:31 ; -p tcp -m multiport --dports 80:22 ; invalid portrange specified
            libxt_tcp.t:15 ; -p tcp -m tcp --sport 4:3 ; invalid portrange (min > max)
            libxt_tos.t:13 ; -m tos --tos wrong ; Symbolic name "wrong" is unknown
            libipt_icmp.t:56 ; -p icmp --icmp-type echo ; Ambiguous ICMP type `echo': `echo-reply' or `echo-request'?
            libipt_icmp.t:60 ; -p icmp --icmp-type 3/256 ; Unknown ICMP code `3/256'
            libipt_icmp.t:63 ; -p icmp --icmp-type 3/1 --icmp-type 4 ; icmp: option "--icmp-type" can only be used once.\\n
            libxt_mark.t:15 ; -m mark --mark 5/ ; mark: bad integer value for option "--mark", or out of range.\\n
            libxt_string.t:18 ; -m string --algo bm --string foo --hex-string '|41|' ; string: option "--string" cannot be used together with "--hex-string".\\n
            libxt_mac.t:8 ; -m mac --mac-source 42:01:02:03:04 ; Invalid MAC address specified.
            """)
    void refusedInIptablesWords(String caseLine, String rule, String words) {
        org.pkttables.api.CommandFrontend.Result r = h.sh("iptables -A INPUT " + rule);
        assertEquals(2, r.exit(), caseLine + ": " + r.err());
        assertEquals(HEAD + words.replace("\\n", "\n") + "\n" + TRY, r.err(), caseLine);
    }
}
