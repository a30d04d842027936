package io.voxtok.data.synth;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * flite (CMU Festival-lite, Debian package {@code flite}) as a corpus synthesizer. Voices {@code kal16} (diphone,
 * speaker Kevin Lenzo), {@code awb}, {@code rms}, {@code slt} (clustergen voices built from the CMU ARCTIC
 * recordings of three real speakers) all produce 16 kHz audio.
 *
 * <p>Alignment: {@code flite -psdur} prints every segment of the utterance's Segment relation with its end
 * time in seconds ({@code phone:end}, CMU/radio phone set, {@code pau} = silence). Those are the durations the
 * waveform generator consumed, so the timing is the synthesizer's own, exact up to its frame granularity
 * (5 ms frames for clustergen, pitch periods for diphones) and the 1 ms print resolution.
 */
public final class FliteSynthesizer implements SpeechSynthesizer {
    /** Engine name used in {@link VoiceSpec#engine()}. */
    public static final String ENGINE = "flite";
    private static final ExternalTool FLITE = new ExternalTool("flite", "flite");
    private static final ExternalTool SOX = new ExternalTool("sox", "sox");
    /** Voices with a 16 kHz sample rate shipped in Debian's flite package. */
    public static final Set<String> VOICES = Set.of("kal16", "awb", "rms", "slt");

    @Override
    public String description() {
        // 'flite --version' prints two lines and exits with status 1; the second line holds the version.
        List<String> lines = FLITE.probe(List.of("--version")).strip().lines().map(String::strip).toList();
        return lines.stream().filter(l -> l.startsWith("version:")).findFirst()
                .map(l -> "flite " + l.substring("version:".length()).strip()).orElse("flite");
    }

    @Override
    public int sampleRate() {
        return 16000;
    }

    @Override
    public void checkAvailable(Collection<VoiceSpec> specs) {
        List<String> voices = specs.stream().filter(v -> v.engine().equals(ENGINE)).map(VoiceSpec::voice)
                .distinct().toList();
        if (voices.isEmpty()) {
            FLITE.require();
            return;
        }
        String listed = FLITE.run(List.of("-lv")).toLowerCase(Locale.ROOT);
        for (String v : voices) {
            if (!VOICES.contains(v)) {
                throw VoxtokException.userInput("flite voice '" + v + "' is not supported; use one of " + VOICES);
            }
            if (!listed.matches("(?s).*\\b" + v + "\\b.*")) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "flite has no voice '" + v + "' (flite -lv: "
                        + listed.strip() + "); install the Debian package 'flite'");
            }
        }
        SOX.require();
    }

    @Override
    public SynthesizedSpeech synthesize(String text, VoiceSpec voice, Path wav) {
        List<String> args = new ArrayList<>(List.of("-voice", voice.voice()));
        if (voice.f0Mean() > 0) {
            args.addAll(List.of("--setf", "int_f0_target_mean=" + fmt(voice.f0Mean())));
        }
        if (voice.durationStretch() != 1.0) {
            args.addAll(List.of("--setf", "duration_stretch=" + fmt(voice.durationStretch())));
        }
        Path raw = voice.pitchCents() != 0 ? wav.resolveSibling(wav.getFileName() + ".raw.wav") : wav;
        args.addAll(List.of("-psdur", "-t", text, "-o", raw.toString()));
        String out = FLITE.run(args);
        PhoneAlignment alignment = parsePsdur(out, voice.speakerId() + ": \"" + text + "\"");
        if (voice.pitchCents() != 0) {
            try {
                // sox 'pitch' changes F0 with WSOLA and keeps the duration, so the alignment stays valid.
                // -D: no dither, whose random noise would make rebuilds differ from run to run.
                SOX.run(List.of("-D", raw.toString(), "-b", "16", wav.toString(), "pitch", fmt(voice.pitchCents())));
            } finally {
                try {
                    Files.deleteIfExists(raw);
                } catch (IOException ignored) {
                    // a leftover *.raw.wav in the work folder is harmless
                }
            }
        }
        if (!Files.isRegularFile(wav)) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "flite wrote no audio for " + voice.speakerId() + " to " + wav);
        }
        return new SynthesizedSpeech(wav, alignment);
    }

    /**
     * Parses {@code flite -psdur} output: whitespace-separated {@code phone:end_seconds} tokens.
     *
     * @param what names the utterance in error messages
     */
    public static PhoneAlignment parsePsdur(String out, String what) {
        List<String> phones = new ArrayList<>();
        List<Double> ends = new ArrayList<>();
        for (String tok : out.trim().split("\\s+")) {
            if (tok.isEmpty()) {
                continue;
            }
            int c = tok.lastIndexOf(':');
            if (c <= 0) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "unexpected flite -psdur token '" + tok + "' for " + what);
            }
            phones.add(tok.substring(0, c));
            try {
                ends.add(Double.parseDouble(tok.substring(c + 1)));
            } catch (NumberFormatException e) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "bad time in flite -psdur token '" + tok + "' for " + what, e);
            }
        }
        if (phones.isEmpty()) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "flite printed no phone timing for " + what);
        }
        double[] e = ends.stream().mapToDouble(Double::doubleValue).toArray();
        // flite can print two segments ending at the same millisecond; merge zero-length ones into the previous.
        List<String> p2 = new ArrayList<>();
        List<Double> e2 = new ArrayList<>();
        double prev = 0;
        for (int i = 0; i < e.length; i++) {
            if (e[i] > prev) {
                p2.add(phones.get(i));
                e2.add(e[i]);
                prev = e[i];
            }
        }
        return PhoneAlignment.fromEndTimes(p2, e2.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
