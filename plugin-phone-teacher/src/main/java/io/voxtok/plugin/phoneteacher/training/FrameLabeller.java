package io.voxtok.plugin.phoneteacher.training;

import io.voxtok.api.VoxtokException;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.PhoneSegment;
import io.voxtok.plugin.phoneteacher.model.PhoneTeacherConfig;

import java.util.List;

/**
 * Frame-level phone classes from an alignment, on the teacher's frame grid: frame {@code t} of a crop starting at
 * sample {@code s} covers samples {@code [s + hop t, s + hop (t + 1))} and gets the phone whose interval
 * {@code [start, end)} contains its centre {@code s + hop t + hop / 2}. Frames whose centre lies past the real audio
 * of the crop (zero padding) or in a gap of the alignment get {@link #IGNORE}. Immutable.
 */
public final class FrameLabeller {
    /** Label of a frame that takes no part in the loss or the accuracy. */
    public static final int IGNORE = -1;

    private final PhoneTeacherConfig config;

    /** @param config the frame grid (sample rate, hop) and the phone inventory */
    public FrameLabeller(PhoneTeacherConfig config) {
        this.config = config;
    }

    /**
     * Labels of {@code frames} frames of a crop.
     *
     * @param alignment    the utterance's alignment (seconds from the start of the utterance)
     * @param startSample  first sample of the crop in the utterance
     * @param validSamples samples of real audio in the crop (the rest is padding)
     * @param frames       frames wanted
     * @param source       names the utterance (id and file) in errors
     * @throws VoxtokException USER_INPUT when a phone covering a frame is not in the inventory
     */
    public int[] labels(PhoneAlignment alignment, int startSample, int validSamples, int frames, String source) {
        int hop = config.hop();
        double rate = config.sampleRate();
        List<PhoneSegment> segs = alignment.segments();
        int[] out = new int[frames];
        int s = 0;
        for (int t = 0; t < frames; t++) {
            long offset = (long) hop * t + hop / 2;
            if (offset >= validSamples) {
                out[t] = IGNORE;
                continue;
            }
            double centre = (startSample + offset) / rate;
            while (s < segs.size() && segs.get(s).end() <= centre) {
                s++;
            }
            if (s == segs.size() || segs.get(s).start() > centre) {
                out[t] = IGNORE;
                continue;
            }
            String phone = segs.get(s).phone();
            int c = config.indexOf(phone);
            if (c < 0) {
                throw VoxtokException.userInput(source + ": phone '" + phone + "' at " + segs.get(s).start()
                        + " s is not in the phone inventory of the training split " + config.phones());
            }
            out[t] = c;
        }
        return out;
    }
}
