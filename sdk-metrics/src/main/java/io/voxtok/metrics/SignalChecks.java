package io.voxtok.metrics;

import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;

/** Input validation shared by the signal metrics: each failure names the metric and the problem. */
final class SignalChecks {
    private SignalChecks() {
    }

    /** Mono samples of a reference/estimate pair after checking rate, channels, length and finiteness. */
    static float[][] pair(String metric, AudioBuffer reference, AudioBuffer estimate) {
        if (reference.sampleRate() != estimate.sampleRate()) {
            throw VoxtokException.userInput(metric + ": sample rates differ (reference " + reference.sampleRate()
                    + " Hz, estimate " + estimate.sampleRate() + " Hz); resample first");
        }
        if (reference.channels() != 1 || estimate.channels() != 1) {
            throw VoxtokException.userInput(metric + ": expects mono audio, got " + reference.channels() + " and "
                    + estimate.channels() + " channels");
        }
        if (reference.frames() != estimate.frames()) {
            throw VoxtokException.userInput(metric + ": lengths differ (reference " + reference.frames()
                    + " samples, estimate " + estimate.frames() + "); trim or pad explicitly");
        }
        if (reference.frames() == 0) {
            throw VoxtokException.userInput(metric + ": empty audio");
        }
        if (reference.hasNonFinite()) {
            throw VoxtokException.userInput(metric + ": reference contains NaN or infinite samples");
        }
        if (estimate.hasNonFinite()) {
            throw VoxtokException.userInput(metric + ": estimate contains NaN or infinite samples");
        }
        return new float[][] {reference.channel(0), estimate.channel(0)};
    }

    /** Fails unless {@code v} is finite (a metric never returns a silent default). */
    static double finite(String metric, double v, String why) {
        if (!Double.isFinite(v)) {
            throw VoxtokException.userInput(metric + ": result is not finite (" + why + ")");
        }
        return v;
    }
}
