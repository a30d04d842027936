package io.voxtok.training.optim;

/**
 * Learning rate of {@code torch.optim.lr_scheduler.CosineAnnealingLR} (PyTorch 1.13), with torch's
 * <em>recursive</em> update evaluated in double in torch's operation order (the closed form
 * {@code eta_min + (base - eta_min)(1 + cos(pi t / T_max)) / 2} differs in the last bits):
 * <pre>
 *   t = 0:       lr = base
 *   (t - 1 - T_max) mod 2 T_max == 0:
 *                lr = lr + (base - eta_min)(1 - cos(pi / T_max)) / 2
 *   otherwise:   lr = (1 + cos(pi t / T_max)) / (1 + cos(pi (t - 1) / T_max)) (lr - eta_min) + eta_min
 * </pre>
 * Use it as the SpeechTokenizer trainer uses its scheduler: {@link #step()} once <em>before the first batch</em> and
 * once after every batch, and train each batch with {@link #lr()}; so batch 1 already uses the rate of t = 1
 * (9.938441702975689e-05 for base 1e-4, T_max 20).
 *
 * <p>Cosines are correctly rounded (60-digit evaluation). Torch uses Python's {@code math.cos} (glibc), which
 * is correctly rounded at all but about 0.1% of arguments, so the values equal torch's bit for bit (e.g. the fixture's
 * T_max 20 for 3000 steps) until such an argument occurs; from there on they differ by about one ulp (1e-16
 * relative), which has no effect on training.
 *
 * <p>Optional linear warm-up, the trainer's {@code warmup(step)}: while fewer than {@code warmupSteps} batches have
 * been trained, {@link #step()} sets {@code lr = initialLr + (base - initialLr) * batches / warmupSteps} and leaves
 * the cosine alone; afterwards the cosine runs from {@code t = 1} with {@code base} as its previous value. (The
 * official warm-up branch crashes on a missing attribute; had it run, the cosine recursion would have continued from
 * the last warm-up value instead of {@code base}.)
 *
 * <p>Mutable, not thread-safe; {@link #state()} / {@link #restore(State)} save and resume it exactly.
 */
public final class CosineAnnealingSchedule {
    private final double baseLr;
    private final int tMax;
    private final double etaMin;
    private final int warmupSteps;
    private final double initialLr;
    private long calls;
    private long lastEpoch;
    private double cosineLr;
    private double lr;

    /**
     * The schedule's position.
     *
     * @param calls     {@link #step()} calls so far
     * @param lastEpoch torch's {@code last_epoch} of the cosine part
     * @param cosineLr  the cosine part's current value (torch's {@code group['lr']})
     * @param lr        the rate in use
     */
    public record State(long calls, long lastEpoch, double cosineLr, double lr) {
    }

    /** Cosine annealing without warm-up (torch's {@code CosineAnnealingLR(opt, T_max, eta_min)} on base lr). */
    public CosineAnnealingSchedule(double baseLr, int tMax, double etaMin) {
        this(baseLr, tMax, etaMin, 0, baseLr);
    }

    /**
     * @param baseLr      the optimiser's learning rate ({@code learning_rate})
     * @param tMax        half period in scheduler steps ({@code T_max})
     * @param etaMin      minimum rate
     * @param warmupSteps batches of linear warm-up ({@code num_warmup_steps}, 0 for none)
     * @param initialLr   rate of the first warm-up batch ({@code intial_learning_rate})
     */
    public CosineAnnealingSchedule(double baseLr, int tMax, double etaMin, int warmupSteps, double initialLr) {
        if (tMax < 1 || warmupSteps < 0 || !Double.isFinite(baseLr) || !Double.isFinite(etaMin)
                || !Double.isFinite(initialLr)) {
            throw new IllegalArgumentException("need T_max >= 1, warmupSteps >= 0 and finite rates, got T_max "
                    + tMax + ", warmupSteps " + warmupSteps);
        }
        this.baseLr = baseLr;
        this.tMax = tMax;
        this.etaMin = etaMin;
        this.warmupSteps = warmupSteps;
        this.initialLr = initialLr;
        // torch's constructor performs step 0: last_epoch = 0, lr = base
        this.cosineLr = baseLr;
        this.lr = baseLr;
    }

    /** Advances by one scheduler step and returns the new rate. */
    public double step() {
        long batches = calls; // batches trained before this call (the trainer's `steps`)
        calls++;
        if (batches < warmupSteps) {
            lr = initialLr + (baseLr - initialLr) * batches / warmupSteps;
            return lr;
        }
        lastEpoch++;
        cosineLr = next(cosineLr, lastEpoch);
        lr = cosineLr;
        return lr;
    }

    private double next(double current, long epoch) {
        if (Math.floorMod(epoch - 1 - tMax, 2L * tMax) == 0) {
            return current + (baseLr - etaMin) * (1 - CorrectlyRoundedCos.cos(Math.PI / tMax)) / 2;
        }
        double now = CorrectlyRoundedCos.cos(Math.PI * epoch / tMax);
        double before = CorrectlyRoundedCos.cos(Math.PI * (epoch - 1) / tMax);
        return (1 + now) / (1 + before) * (current - etaMin) + etaMin;
    }

    /** The current rate. */
    public double lr() {
        return lr;
    }

    /** torch's {@code last_epoch} of the cosine part. */
    public long lastEpoch() {
        return lastEpoch;
    }

    /** The position, for checkpoints. */
    public State state() {
        return new State(calls, lastEpoch, cosineLr, lr);
    }

    /** Resumes from {@link #state()}. */
    public void restore(State state) {
        if (state.calls() < 0 || state.lastEpoch() < 0) {
            throw new IllegalArgumentException("negative schedule position " + state);
        }
        this.calls = state.calls();
        this.lastEpoch = state.lastEpoch();
        this.cosineLr = state.cosineLr();
        this.lr = state.lr();
    }
}
