package org.pkttables.ext.matches.impl;

import org.pkttables.api.ext.KernelRefusal;
import org.pkttables.api.ext.ParameterProblem;
import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamTypes;

/**
 * The {@code string} match (libxt_string revision 1): a byte pattern somewhere between {@code --from}
 * and {@code --to} (offsets from the IP header). A pattern of printable ASCII is listed as
 * {@code --string}, anything else as {@code --hex-string}, whichever way it was given.
 */
@Component(service = MatchType.class, property = MatchType.NAME + "=string")
public final class StringMatchType extends DescribedExtension implements MatchType {
    static final int DEFAULT_TO = 65535;

    static final Param<StringPattern> STRING = Param.of("--string", StringPatternType.TEXT).invertible()
            .listed("{<} {!} {v}").help("text to search for");
    static final Param<StringPattern> HEX = Param.of("--hex-string", StringPatternType.HEX).invertible()
            .listed("{<} {!} {v}").help("text with |hex bytes| blocks to search for");
    static final Param<String> ALGO = Param.of("--algo", ExactChoiceType.kernelChecked(KernelRefusal.NO_SUCH_FILE,
            "algorithm", "bm", "kmp")).mandatory()
            .listed("ALGO name {v}").help("bm (Boyer-Moore) or kmp (Knuth-Pratt-Morris)");
    static final Param<Long> FROM = Param.of("--from", ParamTypes.uint(0, 65535)).listed("FROM {v}").help("offset to start at (0)");
    static final Param<Long> TO = Param.of("--to", ParamTypes.uint(0, 65535)).listed("TO {v}").help("offset to end at (65535)");
    static final Param<Boolean> ICASE = Param.of("--icase", ParamTypes.flag()).listed("ICASE").help("ignore ASCII case");

    public StringMatchType() {
        super(ExtensionDescriptor.match("string").ip().listing("STRING match")
                .params(STRING, HEX, ALGO, FROM, TO, ICASE).exclusive(STRING, HEX).help("string match: search the packet for bytes").build());
    }

    @Override
    public Args canonicalize(Args args) {
        check(args);
        Args.Builder b = args.toBuilder();
        Param<StringPattern> given = args.has(STRING) ? STRING : HEX;
        StringPattern pat = args.get(given);
        b.remove(given).put(pat.needsHex() ? HEX : STRING, pat, args.inverted(given));
        if (args.has(FROM) && args.get(FROM) == 0) {
            b.remove(FROM);
        }
        if (args.has(TO) && args.get(TO) == DEFAULT_TO) {
            b.remove(TO);
        }
        return b.build();
    }

    private static void check(Args args) {
        if (args.has(STRING) == args.has(HEX)) {
            throw new ParameterProblem("exactly one of --string or --hex-string is required", "STRING match: You must specify `--string' or `--hex-string'");
        }
        if (!args.has(ALGO)) {
            throw new IllegalArgumentException("option --algo must be specified");
        }
        if (args.getOr(FROM, 0L) > args.getOr(TO, (long) DEFAULT_TO)) {
            throw new KernelRefusal("--from " + args.get(FROM) + " is beyond --to "
                    + args.getOr(TO, (long) DEFAULT_TO));
        }
    }

    @Override
    public Match compile(Args args) {
        check(args);
        Param<StringPattern> given = args.has(STRING) ? STRING : HEX;
        return new StringMatch(args.get(given).bytes(), "kmp".equals(args.get(ALGO)), args.has(ICASE),
                args.getOr(FROM, 0L).intValue(), args.getOr(TO, (long) DEFAULT_TO).intValue(), args.inverted(given));
    }
}
