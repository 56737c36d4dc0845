package org.pkttables.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.pkttables.api.CommandFrontend;

/** A CommandFrontend that records what it was asked and answers from a table; no core needed. */
final class RecordingFrontend implements CommandFrontend {
    record Call(String command, List<String> args, String stdin) {
    }

    final List<Call> calls = new ArrayList<>();
    final Map<String, Result> answers = new ConcurrentHashMap<>();
    /** When set, answers every call instead of {@link #answers}. */
    volatile java.util.function.Function<Call, Result> answer;
    private final List<String> commands;

    RecordingFrontend(String... commands) {
        this.commands = List.of(commands);
    }

    @Override
    public List<String> commands() {
        return commands;
    }

    @Override
    public synchronized Result run(String command, List<String> args, String stdin) {
        Call c = new Call(command, List.copyOf(args), stdin);
        calls.add(c);
        java.util.function.Function<Call, Result> a = answer;
        return a != null ? a.apply(c) : answers.getOrDefault(command, new Result(0, "", ""));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
