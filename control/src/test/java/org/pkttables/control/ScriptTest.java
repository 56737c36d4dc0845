package org.pkttables.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pkttables.api.CommandFrontend;
import org.pkttables.control.client.StrictUtf8Lines;

class ScriptTest {
    @TempDir
    Path dir;

    private final RecordingFrontend frontend = new RecordingFrontend("iptables", "iptables-restore");
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private List<Script.Failure> run(String text) throws IOException {
        CommandRouter router = new CommandRouter(TestCommands.of(frontend), () -> null);
        return Script.run("batch", text, dir, router,
                new StreamOutput(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true)));
    }

    @Test
    void linesAreSplitLikeAShellAndCommentsSkipped() throws IOException {
        List<Script.Failure> failed = run("""
                # a comment

                iptables -A INPUT -m comment --comment "a b" -j DROP
                  iptables -S   \s
                """);
        assertEquals(List.of(), failed);
        assertEquals(List.of(
                new RecordingFrontend.Call("iptables", List.of("-A", "INPUT", "-m", "comment", "--comment", "a b", "-j",
                        "DROP"), null),
                new RecordingFrontend.Call("iptables", List.of("-S"), null)), frontend.calls());
    }

    @Test
    void everyLineRunsAndFailuresNameTheirLine() throws IOException {
        frontend.answers.put("iptables", new CommandFrontend.Result(1, "", "iptables: No chain/target/match by that name.\n"));
        List<Script.Failure> failed = run("iptables -A NOPE -j DROP\nnosuch\niptables -S\n\"unterminated\n");
        assertEquals(List.of(1, 2, 3, 4), failed.stream().map(Script.Failure::line).toList());
        assertEquals(127, failed.get(1).exit());
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("batch: line 1 (exit 1): iptables -A NOPE -j DROP"), e);
        assertTrue(e.contains("unterminated"), e);
    }

    @Test
    void restoreReadsItsFileRelativeToTheScript() throws IOException {
        Files.writeString(dir.resolve("rules.v4"), "*filter\nCOMMIT\n");
        assertEquals(List.of(), run("iptables-restore -n rules.v4\n"));
        assertEquals(new RecordingFrontend.Call("iptables-restore", List.of("-n"), "*filter\nCOMMIT\n"),
                frontend.calls().get(0));
        assertEquals(1, run("iptables-restore missing.rules\n").size());
    }

    @Test
    void aLineThatIsNotUtf8FailsNamingItsColumnAndTheLaterLinesStillRun() throws IOException {
        byte[] script = "iptables -A INPUT -j DROP\niptables -A INPUT -m comment --comment caf\u00e9 -j DROP\niptables -S\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        List<Script.Failure> failed = Script.run("batch", StrictUtf8Lines.lines("in.batch", script), dir,
                new CommandRouter(TestCommands.of(frontend), () -> null),
                new StreamOutput(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true)));
        assertEquals(List.of(2), failed.stream().map(Script.Failure::line).toList());
        assertEquals(List.of("iptables", "iptables"), frontend.calls().stream().map(RecordingFrontend.Call::command).toList(),
                "lines 1 and 3 ran");
        assertEquals(List.of("-S"), frontend.calls().get(1).args());
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("in.batch: line 2, column 43 (byte offset 68): not UTF-8 (byte 0xe9)"), e);
    }

    @Test
    void aRestoreFileThatIsNotUtf8IsRefusedWholeNamingItsLine() throws IOException {
        Files.write(dir.resolve("rules.v4"), "*filter\n-A INPUT -m comment --comment \u00e9 -j DROP\nCOMMIT\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        List<Script.Failure> failed = run("iptables-restore rules.v4\niptables -S\n");
        assertEquals(List.of(1), failed.stream().map(Script.Failure::line).toList());
        assertEquals(List.of("iptables"), frontend.calls().stream().map(RecordingFrontend.Call::command).toList(),
                "the restore never reached the core; the next line ran");
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains(dir.resolve("rules.v4") + ": line 2, column 31"), e);
    }

    @Test
    void stopAtFailureRunsNothingAfterTheFirstFailingLine() throws IOException {
        frontend.answers.put("iptables-restore", new CommandFrontend.Result(2, "", "iptables-restore: line 1 failed\n"));
        Files.writeString(dir.resolve("rules.v4"), "*filter\nCOMMIT\n");
        List<Script.Failure> failed = Script.run("batch", StrictUtf8Lines.lines("x", "iptables-restore rules.v4\niptables -S\n"
                .getBytes(StandardCharsets.UTF_8)), dir, new CommandRouter(TestCommands.of(frontend), () -> null),
                new StreamOutput(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true)), true);
        assertEquals(List.of(1), failed.stream().map(Script.Failure::line).toList());
        assertEquals(List.of("iptables-restore"), frontend.calls().stream().map(RecordingFrontend.Call::command).toList());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("batch: stopped at line 1"), err.toString(StandardCharsets.UTF_8));
    }
}
