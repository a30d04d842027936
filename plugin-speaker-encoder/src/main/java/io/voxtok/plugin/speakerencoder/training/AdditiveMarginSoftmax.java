package io.voxtok.plugin.speakerencoder.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.voxtok.nn.NdArrays;

/**
 * The additive-margin softmax loss (Wang, Cheng, Liu and Liu, "Additive Margin Softmax for Face Verification",
 * IEEE Signal Processing Letters 2018; used for speaker embeddings e.g. by the ECAPA-TDNN paper, Desplanques et al.
 * 2020): logits are {@code s (cos(theta_j) - m [j = y])} with {@code theta_j} the angle between the embedding and
 * class {@code j}'s weight row, both length-normalised. The margin {@code m} makes the training speaker classes
 * separable by angle with room to spare, which is what cosine scoring of unseen speakers relies on. Stateless.
 */
public final class AdditiveMarginSoftmax {
    private static final float EPS = 1e-8f;

    private AdditiveMarginSoftmax() {
    }

    /**
     * Cosine of each embedding with each class.
     *
     * @param embeddings {@code (B, E)}
     * @param weight     {@code (S, E)} class weights
     * @return {@code (B, S)}
     */
    public static NDArray cosines(NDArray embeddings, NDArray weight) {
        return normalize(embeddings).matMul(normalize(weight).transpose());
    }

    /**
     * Mean loss of a batch.
     *
     * @param cosines {@code (B, S)} from {@link #cosines}
     * @param labels  class of each row
     * @param margin  m
     * @param scale   s
     */
    public static NDArray loss(NDArray cosines, int[] labels, float margin, float scale) {
        NDManager m = cosines.getManager();
        int classes = Math.toIntExact(cosines.getShape().get(1));
        float[] oneHot = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * classes + labels[i]] = 1f;
        }
        NDArray target = m.create(oneHot, new Shape(labels.length, classes));
        NDArray logits = NdArrays.mul(cosines.sub(target.mul(margin)), scale);
        return NdArrays.div(logits.logSoftmax(1).mul(target).sum().neg(), labels.length);
    }

    private static NDArray normalize(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).add(EPS).sqrt());
    }
}
