package io.voxtok.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.training.TrainingRequest;
import io.voxtok.training.TrainingResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Argument checks, request building and the result summary of {@code voxtok train}; no engine is started. */
class TrainCommandTest {
    @TempDir
    Path dir;
    Path config;
    Path init;
    Path batches;
    Path corpus;

    @BeforeEach
    void files() throws IOException {
        config = Files.writeString(dir.resolve("train.json"), "{}");
        init = Files.createDirectory(dir.resolve("init"));
        batches = Files.createDirectory(dir.resolve("batches"));
        corpus = Files.createDirectory(dir.resolve("corpus"));
    }

    private String s(Path p) {
        return p.toString();
    }

    @Test
    void helpShowsTheTrainingAndTheSharedRuntimeOptions() {
        CliRun r = CliRun.of("train", "--help");
        assertEquals(0, r.code(), r.err());
        for (String o : new String[] {"RECIPE", "--list", "--config", "--corpus", "--teacher-cache", "--output",
                "--resume", "--init", "--batches", "--steps", "--option", "--expected", "--threads", "--device",
                "--plugins-dir", "--enable-plugin", "--dev"}) {
            assertTrue(r.out().contains(o), o + " missing from\n" + r.out());
        }
        assertTrue(CliRun.of("--help").out().contains("train"));
        assertTrue(CliRun.of("--help").out().contains("export"));
    }

    @Test
    void missingConfigOrOutputIsAUsageError() {
        CliRun r = CliRun.of("train", "speechtokenizer", "--batches", s(batches), "--init", s(init), "-o", s(dir.resolve("run")));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--config"), r.err());
        r = CliRun.of("train", "speechtokenizer", "--config", s(config), "--batches", s(batches), "--init", s(init));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("-o RUN_DIR"), r.err());
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.json");
        CliRun r = CliRun.of("train", "speechtokenizer", "--config", s(missing), "--corpus", s(corpus), "-o",
                s(dir.resolve("run")));
        assertEquals(2, r.code());
        assertTrue(r.err().contains(missing.toString()) && r.err().contains("no such file"), r.err());
        r = CliRun.of("train", "speechtokenizer", "--config", s(dir), "--corpus", s(corpus), "-o", s(dir.resolve("run")));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is a directory"), r.err());
    }

    @Test
    void dataMustBeACorpusOrBatchesWithInit() {
        Path run = dir.resolve("run");
        CliRun both = CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "--batches", s(batches),
                "--init", s(init), "-o", s(run));
        assertEquals(2, both.code());
        assertTrue(both.err().contains("not both"), both.err());
        CliRun corpusAndTokens = CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "--tokens",
                s(dir), "-o", s(run));
        assertEquals(2, corpusAndTokens.code());
        assertTrue(corpusAndTokens.err().contains("--tokens"), corpusAndTokens.err());
        CliRun missingTokens = CliRun.of("train", "x", "--config", s(config), "--tokens", s(dir.resolve("no-tokens")),
                "-o", s(run));
        assertEquals(2, missingTokens.code());
        assertTrue(missingTokens.err().contains("no-tokens"), missingTokens.err());
        CliRun noInit = CliRun.of("train", "x", "--config", s(config), "--batches", s(batches), "-o", s(run));
        assertEquals(2, noInit.code());
        assertTrue(noInit.err().contains("--init"), noInit.err());
        CliRun none = CliRun.of("train", "x", "--config", s(config), "-o", s(run));
        assertEquals(2, none.code());
        assertTrue(none.err().contains("missing training data"), none.err());
        CliRun missingCorpus = CliRun.of("train", "x", "--config", s(config), "--corpus", s(dir.resolve("c.jsonl")),
                "-o", s(run));
        assertEquals(2, missingCorpus.code());
        assertTrue(missingCorpus.err().contains("c.jsonl"), missingCorpus.err());
        CliRun missingInit = CliRun.of("train", "x", "--config", s(config), "--batches", s(batches), "--init",
                s(dir.resolve("no-init")), "-o", s(run));
        assertEquals(2, missingInit.code());
        assertTrue(missingInit.err().contains("--init") && missingInit.err().contains("no-init"), missingInit.err());
    }

    @Test
    void resumeNeedsAnExistingRunDirectory() throws IOException {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "-o", s(run), "--resume");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--resume") && r.err().contains(run.toString()) && r.err().contains("does not exist"),
                r.err());
        Path file = Files.writeString(dir.resolve("file"), "");
        r = CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "-o", s(file), "--resume");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a directory"), r.err());
        r = CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "-o", s(file));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("is a file"), r.err());
    }

    @Test
    void badNumbersAndOptionsAreUsageErrors() {
        Path run = dir.resolve("run");
        CliRun steps = CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "-o", s(run), "--steps", "0");
        assertEquals(2, steps.code());
        assertTrue(steps.err().contains("--steps"), steps.err());
        assertEquals(2, CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "-o", s(run), "--steps",
                "many").code());
        assertEquals(2, CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "-o", s(run), "-O",
                "novalue").code());
        Path expected = dir;
        CliRun twice = CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "-o", s(run), "--expected",
                s(expected), "-O", "expected=" + expected);
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("not both"), twice.err());
        CliRun missingExpected = CliRun.of("train", "x", "--config", s(config), "--corpus", s(corpus), "-o", s(run),
                "--expected", s(dir.resolve("exp")));
        assertEquals(2, missingExpected.code());
        assertTrue(missingExpected.err().contains("--expected"), missingExpected.err());
    }

    @Test
    void trainingOptionsWithoutARecipeAreAUsageError() {
        CliRun r = CliRun.of("train", "--config", s(config), "--corpus", s(corpus), "-o", s(dir.resolve("run")));
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing RECIPE") && r.err().contains("--list"), r.err());
    }

    @Test
    void theRequestCarriesAbsolutePathsStepsAndOptions() {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs("speechtokenizer", "--config", s(config), "--init", s(init), "--batches",
                s(batches), "--steps", "1", "-O", "t_max=20", "-O", "seed=3", "-o", s(dir.resolve("run")),
                "--expected", s(dir));
        TrainingRequest q = c.request();
        assertEquals(config.toAbsolutePath(), q.config());
        assertNull(q.corpus());
        assertNull(q.teacherCache());
        assertEquals(init.toAbsolutePath(), q.init());
        assertEquals(batches.toAbsolutePath(), q.batches());
        assertEquals(dir.resolve("run").toAbsolutePath(), q.output());
        assertFalse(q.resume());
        assertEquals(1, q.steps());
        assertEquals(Map.of("t_max", "20", "seed", "3", "expected", dir.toAbsolutePath().toString()), q.options());

        TrainCommand corpusRun = new TrainCommand();
        new CommandLine(corpusRun).parseArgs("speechtokenizer", "--config", s(config), "--corpus", s(corpus),
                "--teacher-cache", s(init), "-o", s(dir), "--resume");
        TrainingRequest r = corpusRun.request();
        assertEquals(config.toAbsolutePath(), r.config());
        assertEquals(corpus.toAbsolutePath(), r.corpus());
        assertEquals(init.toAbsolutePath(), r.teacherCache());
        assertTrue(r.resume());
        assertNull(r.steps());
        assertTrue(r.options().isEmpty());
    }

    @Test
    void theSummaryPrintsStepAndMetricsAndAFailedParityCheckExitsWithOne() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int ok = TrainCommand.report(new TrainingResult(dir, 3, false, Map.of("loss_g", 12.5, "loss_d", 0.25,
                TrainCommand.PARITY_FAILED, 0.0)), new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, ok);
        assertTrue(out.toString().contains("step 3") && out.toString().contains("completed"), out.toString());
        assertTrue(out.toString().contains("loss_g") && out.toString().contains("12.5000"), out.toString());
        assertTrue(err.toString().isEmpty(), err.toString());

        StringWriter out2 = new StringWriter();
        StringWriter err2 = new StringWriter();
        int failed = TrainCommand.report(new TrainingResult(dir, 1, true, Map.of(TrainCommand.PARITY_FAILED, 1.0)),
                new PrintWriter(out2), new PrintWriter(err2));
        assertEquals(1, failed);
        assertTrue(out2.toString().contains("interrupted"), out2.toString());
        assertTrue(err2.toString().contains("parity check failed"), err2.toString());

        assertEquals(0, TrainCommand.report(new TrainingResult(dir, 1, false, Map.of()), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
    }

    @Test
    void resumingNeedsNoConfigButNewRunsDo() {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs("x", "--corpus", s(corpus), "-o", s(dir), "--resume");
        TrainingRequest q = c.request();
        assertNull(q.config());
        assertTrue(q.resume());
        CliRun fresh = CliRun.of("train", "x", "--corpus", s(corpus), "-o", s(dir));
        assertEquals(2, fresh.code());
        assertTrue(fresh.err().contains("--config"), fresh.err());
    }

    @Test
    void aManifestFileIsACorpus() {
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs("x", "--config", s(config), "--corpus", s(corpus.resolve("..").resolve("train.json")),
                "-o", s(dir.resolve("new-run")));
        assertEquals(config.toAbsolutePath().normalize(), c.request().corpus());
        TrainCommand bad = new TrainCommand();
        new CommandLine(bad).parseArgs("x", "--config", s(config), "-o", s(dir.resolve("new-run")));
        assertThrows(IllegalArgumentException.class, bad::request);
    }
}
