package io.voxtok.data.synth;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Festival Speech Synthesis System (Debian package {@code festival}) as a corpus synthesizer, run in batch mode
 * ({@code festival -b script.scm}) once per utterance, with the English voices packaged in Debian (see
 * {@link #VOICES}). Audio is resampled by festival to 16 kHz (the HTS voice synthesizes at 32 kHz).
 *
 * <p>Alignment: the script prints the {@code name} and {@code end} feature of every item of the utterance's
 * {@code Segment} relation after synthesis (parsed by {@link FestivalOutput}). These are the durations the waveform
 * generator used: for diphone voices the segment ends the prosody module assigned (the diphones are time-warped to
 * them), for the HTS voice the state durations hts_engine chose, written back in 5 ms frames. Festival uses the same
 * CMU/radio phone set as flite ({@code aa ... zh}, {@code pau}), so flite and festival labels share one inventory.
 *
 * <p>Prosody: {@link VoiceSpec#durationStretch()} multiplies the diphone voices' {@code Duration_Stretch} and becomes
 * hts_engine's speech rate {@code -r 1/stretch} for the HTS voice; pitch changes use sox {@code pitch}, which keeps
 * the timing.
 */
public final class FestivalSynthesizer implements SpeechSynthesizer {
    /** Engine name used in {@link VoiceSpec#engine()}. */
    public static final String ENGINE = "festival";

    /**
     * One festival voice.
     *
     * @param function        the Scheme function selecting it
     * @param debianPackage   the package that installs it
     * @param recordedSpeaker who was recorded to build it
     * @param hts             true for an HTS (statistical parametric) voice, false for a diphone voice
     */
    public record Voice(String function, String debianPackage, String recordedSpeaker, boolean hts) {
    }

    /** Supported voices by short name: American English voices packaged in Debian. */
    public static final Map<String, Voice> VOICES = Map.of(
            "ked", new Voice("voice_ked_diphone", "festvox-kdlpc16k", "ked", false),
            "kal", new Voice("voice_kal_diphone", "festvox-kallpc16k", "kal", false),
            "slt_hts", new Voice("voice_cmu_us_slt_arctic_hts", "festvox-us-slt-hts", "slt", true));

    private static final ExternalTool FESTIVAL = new ExternalTool("festival", "festival");
    private static final ExternalTool SOX = new ExternalTool("sox", "sox");

    @Override
    public String description() {
        // 'festival --version' prints "<path>: Festival Speech Synthesis System: 2.5.0:release December 2017".
        String v = FESTIVAL.probe(List.of("--version")).strip();
        int at = v.indexOf("System:");
        return at < 0 ? "festival " + v : "festival " + v.substring(at + "System:".length()).strip();
    }

    @Override
    public int sampleRate() {
        return 16000;
    }

    @Override
    public void checkAvailable(Collection<VoiceSpec> voices) {
        FESTIVAL.require();
        List<VoiceSpec> mine = voices.stream().filter(v -> v.engine().equals(ENGINE)).toList();
        if (mine.isEmpty()) {
            return;
        }
        checkVoicesListed(runScript("(format t \"VOXVOICES %l\\n\" (voice.list))\n", "voice list"), mine);
        SOX.require();
    }

    /**
     * Fails, naming the Debian package to install, when the voice of one of {@code voices} is not in
     * {@code listed}, the output of festival's {@code (voice.list)} (a Scheme list such as {@code (kal_diphone)}).
     */
    static void checkVoicesListed(String listed, Collection<VoiceSpec> voices) {
        for (VoiceSpec v : voices) {
            Voice fv = voice(v);
            String name = fv.function().substring("voice_".length());
            if (!listed.matches("(?s).*[ (]" + name + "[ )].*")) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "festival has no voice '" + name + "' for speaker "
                        + v.speakerId() + "; install the Debian package '" + fv.debianPackage()
                        + "' (sudo apt-get install " + fv.debianPackage() + ")");
            }
        }
    }

    @Override
    public SynthesizedSpeech synthesize(String text, VoiceSpec voice, Path wav) {
        Voice fv = voice(voice);
        Path raw = voice.pitchCents() != 0 ? wav.resolveSibling(wav.getFileName() + ".raw.wav") : wav;
        String out = runScript(script(fv, text, voice.durationStretch(), raw), voice.speakerId());
        PhoneAlignment alignment = FestivalOutput.parse(out, voice.speakerId() + ": \"" + text + "\"");
        if (voice.pitchCents() != 0) {
            try {
                // sox 'pitch' changes F0 with WSOLA and keeps the duration, so the alignment stays valid.
                // -D: no dither, whose random noise would make rebuilds differ from run to run.
                SOX.run(List.of("-D", raw.toString(), "-b", "16", wav.toString(), "pitch",
                        String.format(Locale.ROOT, "%.3f", voice.pitchCents())));
            } finally {
                deleteQuietly(raw);
            }
        }
        if (!Files.isRegularFile(wav)) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "festival wrote no audio for " + voice.speakerId() + " to " + wav);
        }
        return new SynthesizedSpeech(wav, alignment);
    }

    /** The Scheme program that synthesizes {@code text} into {@code wav} and prints its timing. */
    static String script(Voice v, String text, double stretch, Path wav) {
        StringBuilder s = new StringBuilder();
        s.append('(').append(v.function()).append(")\n");
        if (v.hts()) {
            // hts_engine chooses the durations itself; its -r option is a speech-rate factor (> 1 = faster).
            s.append(String.format(Locale.ROOT,
                    "(set! hts_engine_params (append hts_engine_params (list (list \"-r\" %.4f))))%n", 1 / stretch));
        } else {
            // The diphone voices set their own Duration_Stretch (1.1); scale it rather than replace it.
            s.append(String.format(Locale.ROOT,
                    "(Parameter.set 'Duration_Stretch (* %.4f (Parameter.get 'Duration_Stretch)))%n", stretch));
        }
        s.append("(set! utt (utt.synth (Utterance Text ").append(quote(text)).append(")))\n");
        s.append("(utt.wave.resample utt 16000)\n");
        s.append("(utt.save.wave utt ").append(quote(wav.toString())).append(" 'riff)\n");
        s.append("(mapcar (lambda (x) (format t \"").append(FestivalOutput.SEGMENT)
                .append(" %s %f\\n\" (item.name x) (item.feat x \"end\"))) (utt.relation.items utt 'Segment))\n");
        s.append("(set! voxwave (wave.info (utt.wave utt)))\n");
        s.append("(format t \"").append(FestivalOutput.WAVE)
                .append(" %s %s\\n\" (cadr (assoc 'num_samples voxwave)) (cadr (assoc 'sample_rate voxwave)))\n");
        return s.toString();
    }

    /** A Scheme string literal. */
    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Voice voice(VoiceSpec v) {
        Voice fv = VOICES.get(v.voice());
        if (fv == null || !v.engine().equals(ENGINE)) {
            throw VoxtokException.userInput("festival voice '" + v.voice() + "' (speaker " + v.speakerId()
                    + ") is not supported; use one of " + VOICES.keySet());
        }
        return fv;
    }

    private static String runScript(String script, String what) {
        Path file = null;
        try {
            file = Files.createTempFile("voxtok-festival-", ".scm");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            return FESTIVAL.run(List.of("-b", file.toString()));
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot write a festival script for " + what + ": "
                    + e.getMessage(), e);
        } finally {
            if (file != null) {
                deleteQuietly(file);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }
}
