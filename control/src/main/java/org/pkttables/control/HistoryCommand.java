package org.pkttables.control;

import java.util.List;

import org.pkttables.api.CommandFrontend;
import org.pkttables.api.NamedCommand;

/**
 * {@code history [GEN]}: the committed generations the history keeps (number, UTC time, uid, command), and
 * whether an {@code apply} waits for {@code confirm}; with GEN, that generation's ruleset in save format.
 */
final class HistoryCommand extends NamedCommand {
    private final HistoryRecorder recorder;
    private final GenerationHistory history;
    private final SafeApply apply;

    HistoryCommand(HistoryRecorder recorder, SafeApply apply) {
        super("history", "history [GEN]: the last committed generations (time, uid, command); GEN: its ruleset in save format");
        this.recorder = recorder;
        this.history = recorder.history();
        this.apply = apply;
    }

    /** A generation number, or -1 when {@code s} is not one. */
    static long generation(String s) {
        if (s.isEmpty() || s.length() > 18 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(s);
    }

    @Override
    public CommandFrontend.Result run(List<String> args, String stdin) {
        recorder.drain(); // the commits queued so far are in it
        if (args.size() == 1) {
            long gen = generation(args.get(0));
            if (gen < 0) {
                return new CommandFrontend.Result(2, "", "history: `" + args.get(0) + "' is not a generation number\n");
            }
            GenerationHistory.Entry e = history.get(gen);
            if (e == null) {
                return new CommandFrontend.Result(1, "", "history: no generation " + gen + " in the history ("
                        + history.range() + ")\n");
            }
            return new CommandFrontend.Result(0, e.rules().text(), "");
        }
        if (!args.isEmpty()) {
            return new CommandFrontend.Result(2, "", "history: usage: history [GEN]\n");
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-5s %-24s %-16s %s%n", "GEN", "TIME (UTC)", "UID", "COMMAND"));
        for (GenerationHistory.Entry e : history.list()) {
            String uid = e.caller().uid() < 0 ? "?" : Long.toString(e.caller().uid());
            if (e.caller().user() != null && !e.caller().user().equals(uid)) {
                uid += " (" + e.caller().user() + ")";
            }
            sb.append(String.format("%-5d %-24s %-16s %s%n", e.gen(), e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    uid, e.caller().command().replace("\n", "\\n")));
        }
        String pending = apply.pendingLine();
        if (pending != null) {
            sb.append("apply: ").append(pending).append('\n');
        } else if (apply.lastOutcome() != null) {
            sb.append("last apply: ").append(apply.lastOutcome()).append('\n');
        }
        sb.append("(the last ").append(history.size()).append(" generations are kept")
                .append(history.dir() == null ? ", in memory" : " in " + history.dir()).append(")\n");
        return new CommandFrontend.Result(0, sb.toString(), "");
    }
}
