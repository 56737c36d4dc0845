package org.pkttables.control;

import java.io.IOException;
import java.util.List;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.NamedCommand;

/**
 * {@code diff GEN [GEN2]}: what changed from generation GEN of the history to GEN2 (or to the live
 * ruleset), as a unified diff of the rulesets in save format ({@link LineDiff}); nothing when equal.
 */
final class DiffCommand extends NamedCommand {
    private final HistoryRecorder recorder;

    DiffCommand(HistoryRecorder recorder) {
        super("diff", "diff GEN [GEN2]: the rules that changed from generation GEN to GEN2 (default: the live ruleset), a unified diff in save format");
        this.recorder = recorder;
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        if (args.isEmpty() || args.size() > 2) {
            return new CommandFrontend.Result(2, "", "diff: usage: diff GEN [GEN2]\n");
        }
        recorder.drain(); // the commits queued so far are in the history
        GenerationHistory.Entry from = entry(args.get(0));
        if (from == null) {
            return missing(args.get(0));
        }
        String toName;
        RulesetSnapshot to;
        if (args.size() == 2) {
            GenerationHistory.Entry e = entry(args.get(1));
            if (e == null) {
                return missing(args.get(1));
            }
            toName = name(e);
            to = e.rules();
        } else {
            try {
                to = recorder.snapshot();
            } catch (IOException e) {
                return new CommandFrontend.Result(1, "", "diff: cannot take the live ruleset: " + e.getMessage() + "\n");
            }
            toName = "live ruleset";
        }
        return new CommandFrontend.Result(0, LineDiff.unified(name(from), from.rules().text(), toName, to.text()), "");
    }

    private static String name(GenerationHistory.Entry e) {
        return "generation " + e.gen() + " (" + e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", "
                + e.caller().who() + ": " + e.caller().command().replace("\n", "\\n") + ")";
    }

    private GenerationHistory.Entry entry(String word) {
        long gen = HistoryCommand.generation(word);
        return gen < 0 ? null : recorder.history().get(gen);
    }

    private CommandFrontend.Result missing(String word) {
        if (HistoryCommand.generation(word) < 0) {
            return new CommandFrontend.Result(2, "", "diff: `" + word + "' is not a generation number\n");
        }
        return new CommandFrontend.Result(1, "", "diff: no generation " + word + " in the history ("
                + recorder.history().range() + ")\n");
    }
}
