package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.voxtok.nn.NdArrays;

/**
 * One resolution of the SpeechTokenizer mel loss ({@code trainer/loss.py mel_loss}): mean absolute difference of the
 * {@link MelSpectrogram log-mel spectrograms} of the target and the reconstruction over their common frames.
 */
public final class MelSpectrogramLoss {
    private final MelSpectrogram spectrogram;

    /** @param spectrogram the log-mel transform of this resolution */
    public MelSpectrogramLoss(MelSpectrogram spectrogram) {
        this.spectrogram = spectrogram;
    }

    /** The log-mel transform. */
    public MelSpectrogram spectrogram() {
        return spectrogram;
    }

    /**
     * The unweighted loss.
     *
     * @param target         {@code x}, {@code (B, 1, L)} or {@code (B, L)}
     * @param reconstruction {@code x_hat}, same layout, any length
     * @return a float32 scalar attached to {@code reconstruction}'s manager
     */
    public NDArray compute(NDArray target, NDArray reconstruction) {
        try (LossScope scope = LossScope.open(reconstruction.getManager(), target, reconstruction)) {
            NDArray a = spectrogram.logMel(target);
            NDArray b = spectrogram.logMel(reconstruction);
            int frames = Math.min(NdArrays.dim(a, 2), NdArrays.dim(b, 2));
            NDIndex common = new NDIndex(":, :, :{}", frames);
            NDArray loss = a.get(common).sub(b.get(common)).abs().mean();
            return scope.keep(loss);
        }
    }
}
