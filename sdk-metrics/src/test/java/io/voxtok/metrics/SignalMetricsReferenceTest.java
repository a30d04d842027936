package io.voxtok.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.Metric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signal metrics against values computed by make_reference.py (torch.stft for spectra, numpy for SI-SDR and for an
 * independent STOI/ESTOI implementation) on two bundled utterances: one with 10 dB white noise, one low-passed and
 * attenuated.
 */
class SignalMetricsReferenceTest {
    private static final JsonNode REF = ReferenceData.json();

    private static AudioBuffer sig(String pair, String side, String rate) {
        return ReferenceData.signal(pair + "_" + side + "_" + rate + ".f32", rate.equals("16k") ? 16000 : 10000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"noisy", "smooth"})
    void siSdrMatchesNumpy(String pair) {
        Metric m = new SiSdr().compute(sig(pair, "ref", "16k"), sig(pair, "est", "16k"));
        assertEquals(REF.get(pair).get("si_sdr").asDouble(), m.value(), 1e-4);
        assertEquals("si_sdr", m.name());
        assertEquals("dB", m.unit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"noisy", "smooth"})
    void logMelMatchesTorchStft(String pair) {
        Metric m = LogMelDistance.standard().compute(sig(pair, "ref", "16k"), sig(pair, "est", "16k"));
        double want = REF.get(pair).get("log_mel_distance").asDouble();
        assertEquals(want, m.value(), 1e-5 * want);
        assertEquals("80", m.parameters().get("n_mels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"noisy", "smooth"})
    void multiResolutionStftMatchesTorchStft(String pair) {
        Metric m = MultiResolutionStftDistance.standard().compute(sig(pair, "ref", "16k"), sig(pair, "est", "16k"));
        double want = REF.get(pair).get("mr_stft_distance").asDouble();
        assertEquals(want, m.value(), 1e-5 * want);
    }

    @ParameterizedTest
    @ValueSource(strings = {"noisy", "smooth"})
    void stoiAt10kMatchesNumpyImplementation(String pair) {
        AudioBuffer r = sig(pair, "ref", "10k");
        AudioBuffer e = sig(pair, "est", "10k");
        assertEquals(REF.get(pair).get("stoi_10k").asDouble(), Stoi.stoi().compute(r, e).value(), 1e-6);
        assertEquals(REF.get(pair).get("estoi_10k").asDouble(), Stoi.estoi().compute(r, e).value(), 1e-6);
    }

    /** At 16 kHz the Java side resamples with sdk-audio's Kaiser sinc, Python with an ideal DFT resampler. */
    @ParameterizedTest
    @ValueSource(strings = {"noisy", "smooth"})
    void stoiAt16kAgreesWithinResamplerDifferences(String pair) {
        AudioBuffer r = sig(pair, "ref", "16k");
        AudioBuffer e = sig(pair, "est", "16k");
        assertEquals(REF.get(pair).get("stoi_16k").asDouble(), Stoi.stoi().compute(r, e).value(), 3e-3);
        assertEquals(REF.get(pair).get("estoi_16k").asDouble(), Stoi.estoi().compute(r, e).value(), 3e-3);
    }
}
