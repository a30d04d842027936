package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import io.voxtok.nn.NdArrays;

/**
 * Semantic distillation of the SpeechTokenizer trainer (SPEC 2.7), between the projected RVQ-1 output
 * {@code F (B, T, D)} and teacher features {@code S (B, T', D)}, both truncated to {@code n = min(T, T')} frames.
 *
 * <ul>
 *   <li>{@link Axis#D_AXIS} (official default, {@code d_axis_distill_loss}): cosine similarity <em>along time</em>
 *       for every dimension, {@code L = -mean_{b,d} log sigmoid(cos(F[b, :n, d], S[b, :n, d]))}.</li>
 *   <li>{@link Axis#T_AXIS} ({@code t_axis_distill_loss}): {@code mean |F - S| + lambdaSim * (-mean_{b,t} log
 *       sigmoid(cos(F[b, t, :], S[b, t, :])))}. The official function calls {@code torch.functional.l1_loss}, which
 *       does not exist, and crashes; this implements what it evidently means ({@code F.l1_loss}, mean reduction)
 *       with the official signature's default {@code lambda_sim = 1}.</li>
 * </ul>
 *
 * <p>Cosine similarity follows {@code torch.nn.functional.cosine_similarity(eps=1e-8)}:
 * {@code sum((x / max(|x|, eps)) * (y / max(|y|, eps)))}; a vector with norm below eps (e.g. zero-padded teacher
 * frames) gives a finite value and gradient. {@code log(sigmoid(c))} is evaluated as written (c is in [-1, 1]).
 */
public final class DistillationLoss {
    /** Which axis the cosine similarity runs along. */
    public enum Axis {
        /** Along time, per feature dimension (official default). */
        D_AXIS,
        /** Along the feature dimension, per frame, plus an L1 term. */
        T_AXIS
    }

    /** {@code eps} of {@code torch.nn.functional.cosine_similarity}. */
    public static final float COSINE_EPS = 1e-8f;

    private final Axis axis;
    private final double lambdaSim;

    private DistillationLoss(Axis axis, double lambdaSim) {
        this.axis = axis;
        this.lambdaSim = lambdaSim;
    }

    /** The official default, {@code d_axis}. */
    public static DistillationLoss dAxis() {
        return new DistillationLoss(Axis.D_AXIS, 0.0);
    }

    /** {@code t_axis} with the official signature's default {@code lambda_sim = 1}. */
    public static DistillationLoss tAxis() {
        return tAxis(1.0);
    }

    /** {@code t_axis} with weight {@code lambdaSim} on the cosine term. */
    public static DistillationLoss tAxis(double lambdaSim) {
        return new DistillationLoss(Axis.T_AXIS, lambdaSim);
    }

    /** The variant by its trainer config name ({@code "d_axis"} or {@code "t_axis"}, the latter with lambda 1). */
    public static DistillationLoss of(String distillType) {
        return switch (distillType) {
            case "d_axis" -> dAxis();
            case "t_axis" -> tAxis();
            default -> throw new IllegalArgumentException("unknown distill_type '" + distillType
                    + "' (d_axis or t_axis)");
        };
    }

    /** The cosine axis. */
    public Axis axis() {
        return axis;
    }

    /** Weight of the cosine term of {@code t_axis} (unused by {@code d_axis}). */
    public double lambdaSim() {
        return lambdaSim;
    }

    /**
     * @param feature {@code F (B, T, D)}, the student features
     * @param teacher {@code S (B, T', D)}, the teacher features
     * @return a float32 scalar attached to {@code feature}'s manager
     */
    public NDArray compute(NDArray feature, NDArray teacher) {
        if (feature.getShape().dimension() != 3 || teacher.getShape().dimension() != 3
                || feature.getShape().get(2) != teacher.getShape().get(2)) {
            throw new IllegalArgumentException("need F (B, T, D) and S (B, T', D), got " + feature.getShape()
                    + " and " + teacher.getShape());
        }
        try (LossScope scope = LossScope.open(feature.getManager(), feature, teacher)) {
            int n = Math.min(NdArrays.dim(feature, 1), NdArrays.dim(teacher, 1));
            NDIndex first = new NDIndex(":, :{}", n);
            NDArray f = feature.get(first);
            NDArray s = teacher.get(first);
            NDArray loss;
            if (axis == Axis.D_AXIS) {
                loss = negLogSigmoidMean(cosine(f, s, 1));
            } else {
                NDArray l1 = f.sub(s).abs().mean();
                loss = l1.add(NdArrays.mul(negLogSigmoidMean(cosine(f, s, 2)), (float) lambdaSim));
            }
            return scope.keep(loss);
        }
    }

    private static NDArray negLogSigmoidMean(NDArray cos) {
        return Activation.sigmoid(cos).log().mean().neg();
    }

    /** torch's cosine similarity along {@code axis}; the norm floor keeps the gradient finite at zero vectors. */
    static NDArray cosine(NDArray x, NDArray y, int axis) {
        float floor = COSINE_EPS * COSINE_EPS;
        NDArray xn = x.square().sum(new int[] {axis}, true).clip(floor, Float.MAX_VALUE).sqrt();
        NDArray yn = y.square().sum(new int[] {axis}, true).clip(floor, Float.MAX_VALUE).sqrt();
        return x.div(xn).mul(y.div(yn)).sum(new int[] {axis});
    }
}
