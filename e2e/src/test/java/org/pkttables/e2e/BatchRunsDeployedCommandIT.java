package org.pkttables.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One command registry (issue 12): a command from a bundle of its own runs in {@code batch} with no other
 * file touched. The example bundle {@code examples/cmd.greet} (one annotated class) lies in the deploy
 * folder of a batch-mode appliance, which waits for it before running the script (as it waits for
 * deployed extensions), then runs {@code greet} like any other line: its output, its error and its exit
 * code, the failing line named. The itest CommandFromAnyBundleIT runs it at the console and through ctl.
 */
class BatchRunsDeployedCommandIT {
    private static final Path ROOT = Proc.ROOT;

    @TempDir
    Path work;

    @Test
    void aDeployedCommandRunsInBatchLikeEveryOtherLine() throws Exception {
        Path deploy = Files.createDirectories(work.resolve("deploy"));
        Files.copy(greetJar(), deploy.resolve("cmd.greet.jar"));
        Path script = work.resolve("greet.batch");
        Files.writeString(script, "greet in 'a batch'\ngreet --fail\ngreet --calls\nhelp\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // bin/pkttables batch's launch, with a deploy folder of our own: run in the work folder (the
        // framework's cache goes there).
        Proc.Result r = Proc.exec(List.of("sh", "-c", "cd \"$0\" && exec \"$@\"", work.toString(), java.toString(),
                "-Dgosh.args=--nointeractive --noshutdown", "-Dpkttables.await=launcher.ready",
                "-Dfelix.fileinstall.dir=" + deploy, "-Dpkttables.batch=" + script, "-jar",
                ROOT.resolve("appliance/target/appliance.jar").toString()), null);
        assertEquals(1, r.exit(), "one line failed: " + r.err());
        // (FileInstall says first that it installed and started the deployed bundle.)
        assertTrue(r.out().contains("\nhello in a batch\nin|a batch\ncommands: "), r.out());
        assertTrue(r.out().contains(" greet "), "help lists it: " + r.out());
        assertTrue(r.err().contains("greet: told to fail\nbatch: line 2 (exit 3): greet --fail\n"), r.err());
        assertTrue(r.err().contains("batch: 1 command(s) failed, on line(s) 2"), r.err());
    }

    private static Path greetJar() throws IOException {
        try (DirectoryStream<Path> d = Files.newDirectoryStream(ROOT.resolve("examples/cmd.greet/target"),
                "cmd.greet-*.jar")) {
            for (Path p : d) {
                return p;
            }
        }
        throw new AssertionError("examples/cmd.greet is not built");
    }
}
