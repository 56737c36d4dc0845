package org.pkttables.cli.xtables;

import org.pkttables.api.RuleSpec;
import org.pkttables.api.RulesetException;
import org.pkttables.api.Transaction;
import org.pkttables.tables.engine.ResourceLimitException;

/**
 * A tool's dialect whose rule words the parser refuses (an unknown option, match or target, a bad value, a
 * stray word) become the tool's parameter problem, as xtables_error(PARAMETER_PROBLEM) does (exit 2, the
 * tool's words): the command line's ({@code iptables v1.8.9 (nf_tables): ...} and the Try line) or a
 * restore line's (then {@code Error occurred at line: N}). Refusals already in the tool's words and the
 * engine's resource limits pass unchanged.
 */
final class ParameterProblemDialect implements ChangeCommand.Dialect {
    /** The tool's words for a refusal of the rule words. */
    interface Problem {
        IptablesFrontend.UsageException of(RulesetException refused);
    }

    /** What the tool checks of a parsed rule before anything else (iptables: its jump target), or nothing. */
    interface Check {
        void rule(ChangeCommand c, RuleSpec spec) throws RulesetException;
    }

    private final ChangeCommand.Dialect dialect;
    private final Problem problem;
    private final Check check;

    ParameterProblemDialect(ChangeCommand.Dialect dialect, Problem problem, Check check) {
        this.dialect = dialect;
        this.problem = problem;
        this.check = check;
    }

    @Override
    public RuleSpec rule(ChangeCommand c, boolean lenient) throws RulesetException {
        try {
            RuleSpec spec = dialect.rule(c, lenient);
            check.rule(c, spec);
            return spec;
        } catch (IptablesFrontend.UsageException | ResourceLimitException e) {
            throw e;
        } catch (RulesetException e) {
            throw problem.of(e);
        }
    }

    @Override
    public void policy(Transaction tx, ChangeCommand c) throws RulesetException {
        dialect.policy(tx, c);
    }

    @Override
    public void noRule(ChangeCommand c) throws RulesetException {
        dialect.noRule(c);
    }
}
