package org.pkttables.ext.matches.impl;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.pkttables.api.ext.Args;
import org.pkttables.api.ext.ParameterProblem;
import org.pkttables.api.ext.DescribedExtension;
import org.pkttables.api.ext.ExtensionDescriptor;
import org.pkttables.api.ext.Match;
import org.pkttables.api.ext.MatchType;
import org.pkttables.api.ext.Param;
import org.pkttables.api.ext.ParamType;

/** The {@code quota} match (libxt_quota): matches until a number of bytes has passed. */
@Component(service = MatchType.class, property = MatchType.NAME + "=quota")
public final class QuotaMatchType extends DescribedExtension implements MatchType {
    /** An unsigned 64-bit byte count, kept in a long's bits. */
    static final ParamType<Long> BYTES = new ParamType<>("bytes 0..18446744073709551615", 1) {
        @Override
        public Long parse(List<String> words) {
            // strtoull with base 0, but 64 bits unsigned: more than CNumbers (signed long) holds.
            String w = words.get(0).strip();
            String digits = w.startsWith("+") ? w.substring(1) : w;
            int radix = 10;
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                radix = 16;
                digits = digits.substring(2);
            } else if (digits.length() > 1 && digits.startsWith("0")) {
                radix = 8;
                digits = digits.substring(1);
            }
            try {
                if (digits.isEmpty() || digits.startsWith("+") || digits.startsWith("-")) {
                    throw new NumberFormatException(w);
                }
                return Long.parseUnsignedLong(digits, radix);
            } catch (NumberFormatException e) {
                throw (ParameterProblem) ParameterProblem.ofOption("bad quota \"" + words.get(0) + "\" (want bytes,"
                        + " 0-18446744073709551615)", "%1$s: bad value for option \"%2$s\", or out of range (0-18446744073709551615).\n").initCause(e);
            }
        }

        @Override
        public List<String> format(Long v) {
            return List.of(Long.toUnsignedString(v));
        }
    };

    static final Param<Long> QUOTA = Param.of("--quota", BYTES).invertible().mandatory()
            .listed("quota: {v} bytes").help("bytes that may pass before the match stops matching");

    public QuotaMatchType() {
        super(ExtensionDescriptor.match("quota").ip().listing("")
                .params(QUOTA).help("quota match: a byte budget per rule").build());
    }

    @Override
    public Match compile(Args args) {
        if (!args.has(QUOTA)) {
            throw new IllegalArgumentException("option --quota must be specified");
        }
        return new QuotaMatch(args.get(QUOTA), args.inverted(QUOTA));
    }
}
