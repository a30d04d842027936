package io.voxtok.data.synth;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads what {@link FestivalSynthesizer}'s Scheme script prints to standard output: one {@code VOXSEG <phone>
 * <end_seconds>} line per item of the utterance's {@code Segment} relation (festival's own phone timing, CMU/radio
 * phone set, {@code pau} = silence) and one {@code VOXWAVE <samples> <sample_rate>} line for the waveform written.
 * Other lines (festival's warnings) are ignored.
 */
public final class FestivalOutput {
    /** Prefix of a segment line. */
    static final String SEGMENT = "VOXSEG";
    /** Prefix of the waveform line. */
    static final String WAVE = "VOXWAVE";
    /**
     * Longest tail of audio after the last segment that is absorbed into a final pause. Festival's diphone voices
     * keep the second half of the last {@code pau-pau} diphone after the segment's end (measured 27-30 ms).
     */
    static final double MAX_TAIL_S = 0.1;

    private FestivalOutput() {
    }

    /**
     * The phone alignment of one utterance. Zero-length segments are merged into the previous one; when the waveform
     * runs on after a final {@code pau} by at most {@link #MAX_TAIL_S}, that pause is extended to the waveform's end,
     * so the alignment covers the audio; a waveform shorter than the segments clips them.
     *
     * @param out  festival's standard output
     * @param what names the utterance in error messages
     */
    public static PhoneAlignment parse(String out, String what) {
        List<String> phones = new ArrayList<>();
        List<Double> ends = new ArrayList<>();
        double waveSeconds = -1;
        for (String line : out.lines().map(String::strip).toList()) {
            String[] f = line.split("\\s+");
            if (f[0].equals(SEGMENT)) {
                if (f.length != 3) {
                    throw bad("segment line '" + line + "'", what);
                }
                double end = number(f[2], line, what);
                double prev = ends.isEmpty() ? 0 : ends.get(ends.size() - 1);
                if (end < prev - 1e-6) {
                    throw bad("segment ends go backwards at '" + line + "'", what);
                }
                if (end > prev + 1e-6) {
                    phones.add(f[1]);
                    ends.add(end);
                }
            } else if (f[0].equals(WAVE)) {
                if (f.length != 3) {
                    throw bad("waveform line '" + line + "'", what);
                }
                double rate = number(f[2], line, what);
                if (!(rate > 0)) {
                    throw bad("sample rate in '" + line + "'", what);
                }
                waveSeconds = number(f[1], line, what) / rate;
            }
        }
        if (phones.isEmpty()) {
            throw bad("no " + SEGMENT + " lines (festival printed: " + abbreviate(out) + ")", what);
        }
        if (waveSeconds <= 0) {
            throw bad("no " + WAVE + " line (festival printed: " + abbreviate(out) + ")", what);
        }
        int last = ends.size() - 1;
        double tail = waveSeconds - ends.get(last);
        if (tail > 0 && tail <= MAX_TAIL_S && phones.get(last).equals("pau")) {
            ends.set(last, waveSeconds);
        }
        PhoneAlignment a = PhoneAlignment.fromEndTimes(phones, ends.stream().mapToDouble(Double::doubleValue).toArray());
        return a.end() > waveSeconds ? a.clippedTo(waveSeconds) : a;
    }

    private static double number(String s, String line, String what) {
        try {
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v) || v < 0) {
                throw bad("negative or non-finite number in '" + line + "'", what);
            }
            return v;
        } catch (NumberFormatException e) {
            throw bad("number in '" + line + "'", what);
        }
    }

    private static VoxtokException bad(String problem, String what) {
        return new VoxtokException(ErrorKind.ENVIRONMENT, String.format(Locale.ROOT,
                "unexpected festival output for %s: %s", what, problem));
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
