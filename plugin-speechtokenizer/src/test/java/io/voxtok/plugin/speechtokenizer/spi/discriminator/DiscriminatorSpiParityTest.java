package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.discriminator.Discriminator;
import io.voxtok.api.discriminator.DiscriminatorScores;
import io.voxtok.testkit.TestComponentContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SPI components against the official trainer's step-1 real-audio logits ({@code expected/<family>/
 * real_logit_<i>.npy}, batch item 0 = {@code inputs/step1_x.npy} row 0), within each file's manifest
 * {@code suggested_atol}.
 *
 * <p>The fixture was made in training mode, the components score in eval mode. The two agree exactly where no
 * spectral norm is involved (MS-STFT, MPD, MSD subs 1 and 2: weight norm and plain convolutions have no mode-dependent
 * state, and none of the families has dropout or batch norm). MSD sub 0 is spectral-normed: training mode ran one
 * power iteration from the stored (un-normalised) vectors first, eval mode uses them as stored, so its logits are
 * only checked for shape, finiteness and repeatability.
 */
class DiscriminatorSpiParityTest {
    private static Discriminator create(DiscriminatorKind kind, ComponentConfig config) {
        return new SpeechTokenizerDiscriminatorFactory(kind).create(config, new TestComponentContext());
    }

    /** Compares subs {@code from..} with the fixture, printing each error next to its tolerance. */
    private static void compare(DiscriminatorScores s, String family, List<String> names, int from) {
        for (int i = from; i < names.size(); i++) {
            float[] expected = DiscriminatorFixture.realLogits(family, i);
            double atol = DiscriminatorFixture.atol(family, i);
            double err = DiscriminatorFixture.maxAbsDiff(s.logits(names.get(i)), expected, names.get(i));
            System.out.printf("%s: %d logits, max |diff| %.3g (suggested_atol %.3g)%n", names.get(i),
                    expected.length, err, atol);
            assertTrue(err <= atol, names.get(i) + ": max |diff| " + err + " > suggested_atol " + atol);
        }
    }

    @Test
    void msStftFromItsStateDictFileMatchesTheOfficialLogits() {
        try (Discriminator d = create(DiscriminatorKind.MSTFTD,
                ComponentConfig.ofModel(DiscriminatorFixture.dir().resolve("disc_mstftd.pt")))) {
            List<String> names = d.spec().subDiscriminators();
            assertEquals(List.of("mstftd/n1024", "mstftd/n2048", "mstftd/n512", "mstftd/n256", "mstftd/n128"), names);
            assertEquals(16000, d.spec().sampleRate());
            DiscriminatorScores s = d.score(DiscriminatorFixture.step1Item(0));
            assertEquals(names, List.copyOf(s.names()));
            compare(s, "mstftd", names, 0);
        }
    }

    /** The fixture directory: disc_mstftd.pt is found in it, and the second batch item scores as well. */
    @Test
    void msStftFromTheFixtureDirectoryScoresBothItems() {
        try (Discriminator d = create(DiscriminatorKind.MSTFTD, ComponentConfig.ofModel(DiscriminatorFixture.dir()))) {
            DiscriminatorScores s = d.score(DiscriminatorFixture.step1Item(0));
            compare(s, "mstftd", d.spec().subDiscriminators(), 0);
            // item 1 is row 1 of the same files: a single-item AudioBuffer of either row gives that row
            DiscriminatorScores s1 = d.score(DiscriminatorFixture.step1Item(1));
            for (int i = 0; i < 5; i++) {
                String name = d.spec().subDiscriminators().get(i);
                float[] all = flat("mstftd", i);
                float[] row1 = java.util.Arrays.copyOfRange(all, all.length / 2, all.length);
                double err = DiscriminatorFixture.maxAbsDiff(s1.logits(name), row1, name + " item 1");
                assertTrue(err <= DiscriminatorFixture.atol("mstftd", i), name + " item 1: " + err);
            }
        }
    }

    /** MPD from the fixture directory, which has no disc_mpd.pt: disc_init.json's closed-form rule, seed 3201. */
    @Test
    void multiPeriodFromTheClosedFormRuleMatchesTheOfficialLogits() {
        try (Discriminator d = create(DiscriminatorKind.MPD, ComponentConfig.ofModel(DiscriminatorFixture.dir()))) {
            List<String> names = d.spec().subDiscriminators();
            assertEquals(List.of("mpd/p2", "mpd/p3", "mpd/p5", "mpd/p7", "mpd/p11"), names);
            compare(d.score(DiscriminatorFixture.step1Item(0)), "mpd", names, 0);
        }
    }

    @Test
    void multiScaleMatchesTheOfficialLogitsWhereNoSpectralNormIsInvolved() {
        try (Discriminator d = create(DiscriminatorKind.MSD, ComponentConfig.ofModel(DiscriminatorFixture.dir()))) {
            List<String> names = d.spec().subDiscriminators();
            assertEquals(List.of("msd/s0", "msd/s1", "msd/s2"), names);
            AudioBuffer x = DiscriminatorFixture.step1Item(0);
            DiscriminatorScores s = d.score(x);
            compare(s, "msd", names, 1);
            float[] sub0 = s.logits("msd/s0");
            assertEquals(DiscriminatorFixture.realLogits("msd", 0).length, sub0.length, "msd/s0 logits");
            for (float v : sub0) {
                assertTrue(Float.isFinite(v), "msd/s0 logit " + v);
            }
            // eval mode runs no power iteration, so the spectral-norm vectors, hence the scores, stay as they were
            assertArrayEquals(sub0, d.score(x).logits("msd/s0"));
        }
    }

    private static float[] flat(String family, int sub) {
        return io.voxtok.modelio.NpyFile.read(DiscriminatorFixture.dir().resolve(
                "expected/" + family + "/real_logit_" + sub + ".npy")).toFloatArray();
    }
}
