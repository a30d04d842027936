package io.voxtok.plugin.speechtokenizer.spi.discriminator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.testkit.TestComponentContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Option parsing: defaults, per-family keys, and refusals that name the option (no weights are built). */
class DiscriminatorOptionsTest {
    private static VoxtokException refused(DiscriminatorKind kind, ComponentConfig c) {
        VoxtokException e = assertThrows(VoxtokException.class, () -> DiscriminatorOptions.from(c, kind));
        assertEquals(ErrorKind.USER_INPUT, e.kind());
        return e;
    }

    @Test
    void defaultsAreTheOfficialSizes() {
        DiscriminatorOptions o = DiscriminatorOptions.from(ComponentConfig.empty(), DiscriminatorKind.MPD);
        assertFalse(o.randomInit());
        assertEquals(List.of(2, 3, 5, 7, 11), o.multiPeriod().periods());
        assertEquals(1, o.multiPeriod().widthDivisor());
        assertEquals(3, o.multiScale().scales());
        assertEquals(32, o.multiScaleStft().filters());
    }

    @Test
    void familyOptionsAreParsed() {
        DiscriminatorOptions mpd = DiscriminatorOptions.from(ComponentConfig.empty().with("periods", "2, 3")
                .with("widthDivisor", "4").with("randomInit", "true").with("seed", "7"), DiscriminatorKind.MPD);
        assertEquals(List.of(2, 3), mpd.multiPeriod().periods());
        assertEquals(4, mpd.multiPeriod().widthDivisor());
        assertTrue(mpd.randomInit());
        assertEquals(7, mpd.seed());
        assertEquals(16, DiscriminatorOptions.from(ComponentConfig.empty().with("filters", "16"),
                DiscriminatorKind.MSTFTD).multiScaleStft().filters());
        assertEquals(8, DiscriminatorOptions.from(ComponentConfig.empty().with("widthDivisor", "8"),
                DiscriminatorKind.MSD).multiScale().widthDivisor());
    }

    @Test
    void unknownKeysAreRefusedByName() {
        VoxtokException e = refused(DiscriminatorKind.MPD, ComponentConfig.empty().with("bogus", "1"));
        assertTrue(e.getMessage().contains("bogus") && e.getMessage().contains("mpd"), e.getMessage());
        // another family's option is unknown here
        e = refused(DiscriminatorKind.MPD, ComponentConfig.empty().with("filters", "16"));
        assertTrue(e.getMessage().contains("filters"), e.getMessage());
        e = refused(DiscriminatorKind.MSTFTD, ComponentConfig.empty().with("periods", "2,3"));
        assertTrue(e.getMessage().contains("periods"), e.getMessage());
        e = refused(DiscriminatorKind.MSD, ComponentConfig.empty().with("periods", "2,3"));
        assertTrue(e.getMessage().contains("periods"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertTrue(refused(DiscriminatorKind.MPD, ComponentConfig.empty().with("periods", "2,x"))
                .getMessage().contains("periods"));
        assertTrue(refused(DiscriminatorKind.MPD, ComponentConfig.empty().with("periods", "2,0"))
                .getMessage().contains("periods"));
        assertTrue(refused(DiscriminatorKind.MPD, ComponentConfig.empty().with("randomInit", "yes"))
                .getMessage().contains("randomInit"));
        assertTrue(refused(DiscriminatorKind.MSTFTD, ComponentConfig.empty().with("filters", "0"))
                .getMessage().contains("filters"));
        assertTrue(refused(DiscriminatorKind.MSTFTD, ComponentConfig.empty().with("seed", "1.5"))
                .getMessage().contains("seed"));
        // MSD's grouped convolutions need channel counts divisible by 16 groups: 1024 / 3 is not whole
        VoxtokException e = refused(DiscriminatorKind.MSD, ComponentConfig.empty().with("widthDivisor", "3"));
        assertTrue(e.getMessage().contains("msd") && e.getMessage().contains("3"), e.getMessage());
    }

    /** The factory refuses before reading anything: unknown options even with a valid model. */
    @Test
    void theFactoryRefusesUnknownOptions() {
        ComponentConfig c = ComponentConfig.ofModel(DiscriminatorFixture.dir()).with("widthDivisr", "2");
        VoxtokException e = assertThrows(VoxtokException.class, () ->
                new SpeechTokenizerDiscriminatorFactory(DiscriminatorKind.MSD).create(c, new TestComponentContext()));
        assertTrue(e.getMessage().contains("widthDivisr"), e.getMessage());
    }
}
