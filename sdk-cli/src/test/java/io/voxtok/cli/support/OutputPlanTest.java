package io.voxtok.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.OutputClaim;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Directory runs mirror the input tree and refuse outputs that two inputs would share, before anything is
 * written (issue #16: {@code a/x.flac} and {@code b/x.flac} silently gave one {@code x.vtok}).
 */
class OutputPlanTest {
    @TempDir
    Path dir;

    private Path file(String rel) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.write(p, new byte[] {1});
    }

    @Test
    void aDirectoryInputIsMirroredUnderTheOutputDirectory() throws IOException {
        file("corpus/a/x.flac");
        file("corpus/b/x.flac");
        file("corpus/y.wav");
        Path out = dir.resolve("out");
        OutputPlan plan = OutputPlan.of(InputFiles.expandRooted(List.of(dir.resolve("corpus")), InputFiles.AUDIO), out, "vtok");
        assertEquals(List.of(out.resolve("a/x.vtok"), out.resolve("b/x.vtok"), out.resolve("y.vtok")),
                List.of(plan.output(0), plan.output(1), plan.output(2)));
        assertTrue(plan.isPlanned(out.resolve("a/../a/x.vtok")));
        assertFalse(plan.isPlanned(out.resolve("x.vtok")));
        assertFalse(Files.exists(out), "planning writes nothing");
    }

    @Test
    void filesNamedDirectlyGoFlatAndTheirClashesAreListed() throws IOException {
        Path a = file("a/x.flac");
        Path b = file("b/x.flac");
        Path c = file("c/z.wav");
        Path out = dir.resolve("out");
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> OutputPlan.of(InputFiles.expandRooted(List.of(a, b, c), InputFiles.AUDIO), out, "vtok"));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertEquals("1 output would be written by several inputs, nothing written: " + out.resolve("x.vtok") + " from "
                + a + " and " + b + " (rename the inputs, or name the folder above them as one input directory: its"
                + " tree is mirrored under -o)", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void sameStemWithAnotherExtensionInOneFolderClashes() throws IOException {
        file("corpus/s/x.wav");
        file("corpus/s/x.flac");
        VoxtokException e = assertThrows(VoxtokException.class, () -> OutputPlan.of(
                InputFiles.expandRooted(List.of(dir.resolve("corpus")), InputFiles.AUDIO), dir.resolve("out"), "wav"));
        assertTrue(e.getMessage().contains(dir.resolve("out/s/x.wav") + " from " + dir.resolve("corpus/s/x.flac")
                + " and " + dir.resolve("corpus/s/x.wav")), e.getMessage());
    }

    @Test
    void twoDirectoryRootsWithTheSameTreeClashAndManyClashesAreCounted() throws IOException {
        for (int i = 0; i < 7; i++) {
            file("r1/u" + i + ".wav");
            file("r2/u" + i + ".wav");
        }
        VoxtokException e = assertThrows(VoxtokException.class, () -> OutputPlan.of(
                InputFiles.expandRooted(List.of(dir.resolve("r1"), dir.resolve("r2")), InputFiles.AUDIO),
                dir.resolve("out"), "vtok"));
        assertTrue(e.getMessage().startsWith("7 outputs would be written by several inputs"), e.getMessage());
        assertTrue(e.getMessage().contains("; and 2 more"), e.getMessage());
    }

    @Test
    void anOutputThatIsAnInputIsRefused() throws IOException {
        Path corpus = file("corpus/x.wav").getParent();
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> OutputPlan.of(InputFiles.expandRooted(List.of(corpus), InputFiles.AUDIO), corpus, "wav"));
        assertEquals(corpus.resolve("x.wav") + " would be written over the input " + corpus.resolve("x.wav")
                + "; choose another -o", e.getMessage());
    }

    @Test
    void aSingleInputMayNameItsOutputFileButSeveralMayNot() throws IOException {
        Path a = file("a.wav");
        Path b = file("b.wav");
        Path target = dir.resolve("res/out.vtok");
        assertEquals(target, OutputPlan.of(InputFiles.expandRooted(List.of(a), InputFiles.AUDIO), target, "npy").output(0));
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> OutputPlan.of(InputFiles.expandRooted(List.of(a, b), InputFiles.AUDIO), target, "vtok"));
        assertEquals("-o " + target + " names a file but there are 2 inputs; give a directory", e.getMessage());
    }

    @Test
    void anExistingFileWithoutExtensionIsNoOutputDirectory() throws IOException {
        Path a = file("a.wav");
        Path b = file("b.wav");
        Path plain = file("plain");
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> OutputPlan.of(InputFiles.expandRooted(List.of(a, b), InputFiles.AUDIO), plain, "vtok"));
        assertEquals("-o " + plain + " is an existing file, not a directory", e.getMessage());
    }

    @Test
    void aFileReachedTwiceIsOneInput() throws IOException {
        Path x = file("corpus/x.wav");
        List<InputFile> in = InputFiles.expandRooted(List.of(dir.resolve("corpus"), x, x), InputFiles.AUDIO);
        assertEquals(List.of(new InputFile(x, Path.of("x.wav"))), in);
    }

    @Test
    void stemKeyedOutputsRefuseEqualNamesListingThem() throws IOException {
        Path a = file("a/x.flac");
        Path b = file("b/x.wav");
        file("b/y.wav");
        List<InputFile> in = InputFiles.expandRooted(List.of(dir.resolve("a"), dir.resolve("b")), Set.of("wav", "flac"));
        VoxtokException e = assertThrows(VoxtokException.class, () -> InputFiles.requireUniqueStems(in, "feature ids"));
        assertEquals("1 file name(s) occur more than once among the inputs, and feature ids are file names without"
                + " extension, nothing written: 'x' from " + a + " and " + b + " (rename the inputs or run them"
                + " separately)", e.getMessage());
    }

    @Test
    void theSweepCoversEveryFolderThePlanWritesTo() throws IOException {
        file("corpus/a/x.wav");
        file("corpus/y.wav");
        Path out = dir.resolve("out");
        Path staleTop = file("out/.y.vtok.99.tmp");
        Path staleSub = file("out/a/.x.vtok.12345.tmp");
        Path elsewhere = file("out/other/.z.vtok.5.tmp");
        OutputPlan plan = OutputPlan.of(InputFiles.expandRooted(List.of(dir.resolve("corpus")), InputFiles.AUDIO), out, "vtok");
        assertEquals(Set.of(staleTop, staleSub), Set.copyOf(plan.removeStaleTemporaries()));
        assertTrue(Files.exists(elsewhere), "folders the run does not write to are not touched");
    }

    @Test
    void outputsEqualButForCaseClashAsOnCaseInsensitiveFileSystems() throws IOException {
        Path upper = file("corpus/A.wav");
        Path lower = file("corpus/a.wav");
        file("corpus/b.wav");
        Path out = dir.resolve("out");
        VoxtokException e = assertThrows(VoxtokException.class, () -> OutputPlan.of(
                InputFiles.expandRooted(List.of(dir.resolve("corpus")), InputFiles.AUDIO), out, "vtok"));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith("1 output would be written by several inputs, nothing written: "
                + out.resolve("A.vtok") + " and " + out.resolve("a.vtok") + " (one file where case is ignored, as on"
                + " macOS and Windows) from " + upper + " and " + lower), e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void anOutputEqualToAnInputButForCaseIsRefused() throws IOException {
        Path corpus = file("corpus/X.WAV").getParent();
        VoxtokException e = assertThrows(VoxtokException.class,
                () -> OutputPlan.of(InputFiles.expandRooted(List.of(corpus), InputFiles.AUDIO), corpus, "wav"));
        assertEquals(corpus.resolve("X.wav") + " would be written over the input " + corpus.resolve("X.WAV")
                + " (one file where case is ignored); choose another -o", e.getMessage());
    }

    @Test
    void stemKeyedOutputsRefuseNamesEqualButForCase() throws IOException {
        Path a = file("a/Utt1.wav");
        Path b = file("b/utt1.wav");
        List<InputFile> in = InputFiles.expandRooted(List.of(dir.resolve("a"), dir.resolve("b")), InputFiles.AUDIO);
        VoxtokException e = assertThrows(VoxtokException.class, () -> InputFiles.requireUniqueStems(in, "feature ids"));
        assertTrue(e.getMessage().contains("nothing written: 'Utt1' / 'utt1' from " + a + " and " + b),
                e.getMessage());
    }

    @Test
    void aClaimedOutputThatAnotherProcessWroteIsKeptWhenItsInputFails() throws IOException {
        Path x = file("corpus/x.wav");
        Path out = dir.resolve("out");
        OutputPlan plan = OutputPlan.of(InputFiles.expandRooted(List.of(x, file("corpus/y.wav")), InputFiles.AUDIO),
                out, "vtok");
        Path stale = file("out/y.vtok");
        StringWriter err = new StringWriter();
        try (OutputClaim claim = plan.claim()) {
            // another process writes x.vtok while this run works on x.wav, which then fails
            file("out/x.vtok");
            BatchRun batch = new BatchRun(new PrintWriter(err), false, 2);
            assertFalse(batch.run(x, List.of(plan.output(0)), () -> {
                throw new IOException("decoder failed");
            }));
            assertFalse(batch.run(plan.inputs().get(1).path(), List.of(plan.output(1)), () -> {
                throw new IOException("decoder failed");
            }));
        }
        assertTrue(Files.exists(out.resolve("x.vtok")), "another process's output is not deleted: " + err);
        assertTrue(err.toString().contains("; kept " + out.resolve("x.vtok") + ", which another process wrote"),
                err.toString());
        assertFalse(Files.exists(stale), "a stale output of an earlier run still is: " + err);
    }
}
