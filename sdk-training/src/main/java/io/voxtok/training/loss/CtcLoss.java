package io.voxtok.training.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.voxtok.api.VoxtokException;
import io.voxtok.nn.NdArrays;

/**
 * Connectionist temporal classification loss, {@code -log p(y | x)}, with the semantics of PyTorch's
 * {@code torch.nn.functional.ctc_loss} (DJL's PyTorch engine exposes no CTC operator), built from DJL
 * {@code NDArray} operations so that autograd differentiates it.
 *
 * <p>Algorithm: the forward (alpha) recursion of Graves et al. (2006) in log space over the blank-extended label
 * sequence {@code l' = (blank, y1, blank, y2, ..., yL, blank)} of length {@code S = 2L + 1}; one vectorised step per
 * frame over the whole batch, {@code (B, S)}:
 * <pre>
 *   alpha_0(s)  = log p_0(l'_s)                    for s in {0, 1}, else log 0
 *   alpha_t(s)  = logsumexp(alpha_{t-1}(s), alpha_{t-1}(s-1), [alpha_{t-1}(s-2) if l'_s != blank and l'_s != l'_{s-2}])
 *                 + log p_t(l'_s)
 *   loss        = -logsumexp(alpha_{T_b-1}(S_b-1), alpha_{T_b-1}(S_b-2))
 * </pre>
 * Per-item input lengths {@code T_b} freeze an item's alphas after its last frame; per-item target lengths
 * {@code L_b} pick its own final states (labels are right-padded with blanks, which only ever feed states to their
 * right, so padding never reaches a read state).
 *
 * <p>Why {@code log 0} is the finite {@link #LOG_ZERO} rather than {@code -inf}: the gradient of
 * {@code log(sum(exp(...)))} over states that are all {@code -inf} is {@code 0 / 0}, which would put NaNs into the
 * gradient of every reachable state through autograd. With a finite stand-in, the max-shifted sum is at least 1 and
 * every partial derivative is finite; {@code exp(LOG_ZERO - m)} is exactly 0 for any reachable {@code m}, so
 * reachable values are unchanged. Whether an alignment exists ({@code T_b >= L_b + number of adjacent repeats}) is
 * decided exactly in integer arithmetic ({@link #feasible}); an impossible item's loss is {@code +inf} like torch's,
 * or 0 with a zero gradient with {@code zeroInfinity} (torch's {@code zero_infinity=True}). Without
 * {@code zeroInfinity}, an impossible item contributes no gradient (torch's gradient for an infinite loss is not a
 * derivative of anything).
 *
 * <p>Inputs are log-probabilities {@code (T, B, C)} as torch takes them (normally {@code log_softmax} of logits);
 * float32 or float64, computed in that type. The gradient w.r.t. the log-probabilities is the true derivative
 * {@code -occupancy(t, c)}; torch's CTC backward instead returns {@code exp(log_probs) - occupancy}, which differs by
 * a term that {@code log_softmax}'s backward cancels, so gradients w.r.t. logits agree with torch. Intermediates live
 * in a sub-manager that is closed before returning; the result is attached to the manager of {@code logProbs}.
 * Stateless and thread-safe.
 */
public final class CtcLoss {
    /** The finite value that stands for {@code log 0} in the recursion (see the class comment). */
    public static final double LOG_ZERO = -1e30;

    private final int blank;
    private final CtcReduction reduction;
    private final boolean zeroInfinity;

    /**
     * @param blank        index of the blank class
     * @param reduction    how item losses are combined
     * @param zeroInfinity replace infinite (impossible) item losses by 0 and their gradients by 0
     */
    public CtcLoss(int blank, CtcReduction reduction, boolean zeroInfinity) {
        if (blank < 0) {
            throw VoxtokException.userInput("CTC blank index must be >= 0, got " + blank);
        }
        this.blank = blank;
        this.reduction = reduction;
        this.zeroInfinity = zeroInfinity;
    }

    /** torch's defaults: blank 0, mean reduction, no zero_infinity. */
    public static CtcLoss defaults() {
        return new CtcLoss(0, CtcReduction.MEAN, false);
    }

    /** The blank class index. */
    public int blank() {
        return blank;
    }

    /** The reduction. */
    public CtcReduction reduction() {
        return reduction;
    }

    /** Whether impossible alignments give 0 instead of infinity. */
    public boolean zeroInfinity() {
        return zeroInfinity;
    }

    /**
     * Whether {@code target} can be aligned to {@code inputLength} frames: every label needs a frame and every pair
     * of equal adjacent labels a blank frame between them.
     */
    public static boolean feasible(int[] target, int inputLength) {
        int needed = target.length;
        for (int i = 1; i < target.length; i++) {
            if (target[i] == target[i - 1]) {
                needed++;
            }
        }
        return inputLength >= needed;
    }

    /**
     * The loss.
     *
     * @param logProbs     {@code (T, B, C)} log-probabilities (float32 or float64)
     * @param targets      {@code B} label sequences, each label in {@code [0, C)} and not the blank; may be empty
     * @param inputLengths valid frames per item, each in {@code [1, T]}
     * @return {@code (B)} for {@link CtcReduction#NONE}, else a scalar; same data type as {@code logProbs}
     * @throws VoxtokException naming the problem when shapes, lengths or labels are invalid
     */
    public NDArray compute(NDArray logProbs, int[][] targets, int[] inputLengths) {
        Shape shape = logProbs.getShape();
        if (shape.dimension() != 3) {
            throw VoxtokException.userInput("CTC expects log-probabilities (T, B, C), got " + shape);
        }
        DataType dtype = logProbs.getDataType();
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT64) {
            throw VoxtokException.userInput("CTC supports float32 or float64 log-probabilities, got " + dtype);
        }
        int steps = Math.toIntExact(shape.get(0));
        int batch = Math.toIntExact(shape.get(1));
        int classes = Math.toIntExact(shape.get(2));
        validate(targets, inputLengths, steps, batch, classes);
        int maxLabels = 0;
        for (int[] t : targets) {
            maxLabels = Math.max(maxLabels, t.length);
        }
        int states = 2 * maxLabels + 1;
        long[] extended = new long[batch * states];
        boolean[] skip = new boolean[batch * states];
        long[] finalStates = new long[batch * 2];
        boolean[] secondFinal = new boolean[batch * 2];
        boolean[] feasible = new boolean[batch];
        float[] targetLengths = new float[batch];
        for (int b = 0; b < batch; b++) {
            int[] y = targets[b];
            for (int s = 0; s < states; s++) {
                int label = s % 2 == 1 && s / 2 < y.length ? y[s / 2] : blank;
                extended[b * states + s] = label;
                // the skip from s-2 is allowed onto a label that differs from the label two states back
                skip[b * states + s] = s >= 2 && label != blank && label != extended[b * states + s - 2];
            }
            int last = 2 * y.length;
            finalStates[2 * b] = last;
            finalStates[2 * b + 1] = Math.max(last - 1, 0);
            secondFinal[2 * b] = true;
            secondFinal[2 * b + 1] = y.length > 0;
            feasible[b] = feasible(y, inputLengths[b]);
            targetLengths[b] = Math.max(y.length, 1);
        }
        NDManager parent = logProbs.getManager();
        try (NDManager tmp = parent.newSubManager()) {
            logProbs.tempAttach(tmp);
            NDArray result = forwardAlgorithm(tmp, logProbs, extended, skip, finalStates, secondFinal, feasible,
                    targetLengths, inputLengths, steps, batch, states);
            result.attach(parent);
            return result;
        }
    }

    private NDArray forwardAlgorithm(NDManager m, NDArray logProbs, long[] extended, boolean[] skip,
                                     long[] finalStates, boolean[] secondFinal, boolean[] feasible,
                                     float[] targetLengths, int[] inputLengths, int steps, int batch, int states) {
        DataType dtype = logProbs.getDataType();
        long[] gatherIndex = new long[steps * batch * states];
        for (int t = 0; t < steps; t++) {
            System.arraycopy(extended, 0, gatherIndex, t * batch * states, batch * states);
        }
        // emissions(t, b, s) = log p_t(l'_s) of item b
        NDArray emissions = logProbs.gather(owned(m, gatherIndex, new Shape(steps, batch, states)), 2);
        Shape rowShape = new Shape(batch, states);
        NDArray logZero = m.full(rowShape, (float) LOG_ZERO, dtype);
        NDArray skipAllowed = owned(m, skip, rowShape);
        boolean[] firstTwo = new boolean[batch * states];
        for (int b = 0; b < batch; b++) {
            firstTwo[b * states] = true;
            if (states > 1) {
                firstTwo[b * states + 1] = true;
            }
        }
        NDArray alpha = NDArrays.where(owned(m, firstTwo, rowShape), emissions.get(0), logZero);
        // additive mask: 0 where the skip from s-2 is allowed, log 0 elsewhere
        NDArray skipPenalty = NDArrays.where(owned(m, skip, rowShape), m.zeros(rowShape, dtype), logZero);
        NDArray active = owned(m, activeFrames(inputLengths, steps), new Shape(steps, batch, 1))
                .broadcast(new Shape(steps, batch, states));
        NDArray padTwo = m.full(new Shape(batch, 2), (float) LOG_ZERO, dtype);
        for (int t = 1; t < steps; t++) {
            // padded(s + 2) = alpha(s): stay = padded[s + 2], advance = padded[s + 1], jump = padded[s]
            NDArray padded = NDArrays.concat(new NDList(padTwo, alpha), 1);
            NDArray advance = padded.get(new NDIndex(":, 1:{}", states + 1));
            NDArray jump = padded.get(new NDIndex(":, 0:{}", states)).add(skipPenalty);
            NDArray next = logSumExp(NDArrays.stack(new NDList(alpha, advance, jump))).add(emissions.get(t));
            alpha = NDArrays.where(active.get(t), next, alpha);
        }
        NDArray ends = alpha.gather(owned(m, finalStates, new Shape(batch, 2)), 1);
        ends = NDArrays.where(owned(m, secondFinal, new Shape(batch, 2)), ends, m.full(new Shape(batch, 2),
                (float) LOG_ZERO, dtype));
        NDArray nll = logSumExp(ends.transpose()).neg();
        NDArray ok = owned(m, feasible, new Shape(batch));
        NDArray replacement = m.full(new Shape(batch), zeroInfinity ? 0f : Float.POSITIVE_INFINITY, dtype);
        NDArray perItem = NDArrays.where(ok, nll, replacement);
        return switch (reduction) {
            case NONE -> perItem;
            case SUM -> perItem.sum();
            case MEAN -> perItem.div(owned(m, targetLengths, new Shape(batch)).toType(dtype, false)).mean();
        };
    }

    /**
     * An engine-owned constant: autograd keeps indices, masks and divisors for the backward pass, which may run after
     * this method's sub-manager is closed ({@link NdArrays#engineOwned}).
     */
    private static NDArray owned(NDManager m, Object data, Shape shape) {
        NDArray created;
        if (data instanceof long[] l) {
            created = m.create(l, shape);
        } else if (data instanceof boolean[] b) {
            created = m.create(b, shape);
        } else {
            created = m.create((float[]) data, shape);
        }
        return NdArrays.engineOwned(created);
    }

    /** Frame mask {@code (T, B, 1)}: true while item {@code b} still has frame {@code t}. */
    private static boolean[] activeFrames(int[] inputLengths, int steps) {
        int batch = inputLengths.length;
        boolean[] active = new boolean[steps * batch];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                active[t * batch + b] = t < inputLengths[b];
            }
        }
        return active;
    }

    /**
     * {@code log(sum_k exp(x[k]))} over axis 0, shifted by the max; the max is detached because the exact derivative
     * of the shifted expression w.r.t. the shift is 0.
     */
    private static NDArray logSumExp(NDArray stacked) {
        NDArray max = stacked.max(new int[] {0}).stopGradient();
        return stacked.sub(max).exp().sum(new int[] {0}).log().add(max);
    }

    private void validate(int[][] targets, int[] inputLengths, int steps, int batch, int classes) {
        if (blank >= classes) {
            throw VoxtokException.userInput("CTC blank index " + blank + " is outside the " + classes + " classes");
        }
        if (targets.length != batch || inputLengths.length != batch) {
            throw VoxtokException.userInput("CTC batch of " + batch + " items got " + targets.length
                    + " targets and " + inputLengths.length + " input lengths");
        }
        for (int b = 0; b < batch; b++) {
            if (inputLengths[b] < 1 || inputLengths[b] > steps) {
                throw VoxtokException.userInput("CTC input length " + inputLengths[b] + " of item " + b
                        + " is outside [1, " + steps + "]");
            }
            for (int label : targets[b]) {
                if (label < 0 || label >= classes || label == blank) {
                    throw VoxtokException.userInput("CTC target label " + label + " of item " + b
                            + " is not a non-blank class in [0, " + classes + ")");
                }
            }
        }
    }
}
