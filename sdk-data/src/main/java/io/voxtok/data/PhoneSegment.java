package io.voxtok.data;

import java.util.Objects;

/**
 * One phone of a time alignment: the phone label and its interval {@code [start, end)} in seconds from the
 * start of the audio.
 *
 * @param phone label in the corpus' phone set (e.g. CMU/radio phones {@code hh}, {@code ax}; {@code pau} is silence)
 * @param start start time in seconds
 * @param end   end time in seconds, {@code > start}
 */
public record PhoneSegment(String phone, double start, double end) {
    /** Validates. */
    public PhoneSegment {
        Objects.requireNonNull(phone, "phone is null");
        if (phone.isBlank()) {
            throw new IllegalArgumentException("blank phone label");
        }
        if (!(start >= 0) || !(end > start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("bad phone interval [" + start + ", " + end + ") for " + phone);
        }
    }

    /** Duration in seconds. */
    public double duration() {
        return end - start;
    }
}
