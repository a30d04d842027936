package io.voxtok.data;

import java.util.ArrayList;
import java.util.List;

/**
 * A phone-level time alignment: contiguous, non-overlapping segments in time order. Converts to frame-level
 * labels at any frame rate, which is what PNMI and phone-purity metrics consume.
 *
 * @param segments the phones in time order (copied)
 */
public record PhoneAlignment(List<PhoneSegment> segments) {
    /** Validates order and non-overlap (a gap is allowed; it becomes unlabelled frames). */
    public PhoneAlignment {
        segments = List.copyOf(segments);
        for (int i = 1; i < segments.size(); i++) {
            // 1e-6 s tolerance: synthesizer timings are printed with 3 decimals.
            if (segments.get(i).start() < segments.get(i - 1).end() - 1e-6) {
                throw new IllegalArgumentException("phone segments overlap or are out of order at index " + i
                        + ": " + segments.get(i - 1) + " then " + segments.get(i));
            }
        }
    }

    /** Builds an alignment from phone end times, the format of {@code flite -psdur} (first phone starts at 0). */
    public static PhoneAlignment fromEndTimes(List<String> phones, double[] ends) {
        if (phones.size() != ends.length) {
            throw new IllegalArgumentException(phones.size() + " phones but " + ends.length + " end times");
        }
        List<PhoneSegment> out = new ArrayList<>(phones.size());
        double start = 0;
        for (int i = 0; i < ends.length; i++) {
            out.add(new PhoneSegment(phones.get(i), start, ends[i]));
            start = ends[i];
        }
        return new PhoneAlignment(out);
    }

    /**
     * The alignment cut at {@code end} seconds: segments starting at or after it are dropped, the one crossing it
     * ends there. Used when a synthesizer's waveform stops before its last (pause) segment ends.
     */
    public PhoneAlignment clippedTo(double end) {
        List<PhoneSegment> out = new ArrayList<>(segments.size());
        for (PhoneSegment s : segments) {
            if (s.start() < end) {
                out.add(s.end() > end ? new PhoneSegment(s.phone(), s.start(), end) : s);
            }
        }
        return new PhoneAlignment(out);
    }

    /** The phone labels in order. */
    public List<String> phones() {
        return segments.stream().map(PhoneSegment::phone).toList();
    }

    /** End time of the last segment (0 when empty). */
    public double end() {
        return segments.isEmpty() ? 0 : segments.get(segments.size() - 1).end();
    }

    /**
     * Frame-level labels: frame {@code t} covers {@code [t/rate, (t+1)/rate)} and gets the phone containing its
     * centre {@code (t + 0.5) / rate}; {@code null} where no segment covers the centre.
     *
     * @param frameRate frames per second (e.g. 50 for a 20 ms hop)
     * @param frames    number of frames wanted (e.g. the token count of the utterance)
     */
    public String[] frameLabels(double frameRate, int frames) {
        if (!(frameRate > 0) || frames < 0) {
            throw new IllegalArgumentException("bad frame rate " + frameRate + " or frame count " + frames);
        }
        String[] out = new String[frames];
        int s = 0;
        for (int t = 0; t < frames; t++) {
            double centre = (t + 0.5) / frameRate;
            while (s < segments.size() && segments.get(s).end() <= centre) {
                s++;
            }
            if (s < segments.size() && segments.get(s).start() <= centre) {
                out[t] = segments.get(s).phone();
            }
        }
        return out;
    }
}
