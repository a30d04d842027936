package io.voxtok.training.discriminator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.voxtok.training.DiscriminatorForward;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Forward (real + fake) + backward of the LSGAN discriminator loss at official size on 2 x 1 s, after one warm-up
 * call: median (and fastest) of 3. A benchmark, run only with {@code -Dvoxtok.bench=true}; on a shared machine the
 * numbers vary several-fold with the load.
 */
class DiscriminatorTimingTest {
    @Test
    void officialSizes() {
        assumeTrue(Boolean.getBoolean("voxtok.bench"), "benchmark: run with -Dvoxtok.bench=true");
        List<Function<NDManager, DiscriminatorFamily>> families = List.of(
                m -> MultiPeriodDiscriminator.create(m, MultiPeriodConfig.official(), DiscriminatorInit.closedForm(1)),
                m -> MultiScaleDiscriminator.create(m, MultiScaleConfig.official(), DiscriminatorInit.closedForm(1)),
                m -> MultiScaleStftDiscriminator.create(m, MultiScaleStftConfig.official(),
                        DiscriminatorInit.closedForm(1)));
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = TrainingFixture.nd(m, "inputs/step1_x.npy").reshape(2, 1, -1);
            NDArray xHat = TrainingFixture.nd(m, "expected/step1_x_hat.npy");
            for (Function<NDManager, DiscriminatorFamily> make : families) {
                try (DiscriminatorFamily d = make.apply(m)) {
                    d.block().namedParameters().values().forEach(p -> p.getArray().setRequiresGradient(true));
                    double[] forward = new double[4];
                    double[] total = new double[4];
                    for (int rep = 0; rep < 4; rep++) {
                        try (NDManager step = m.newSubManager();
                             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            long t0 = System.nanoTime();
                            DiscriminatorForward real = d.forward(x, true);
                            DiscriminatorForward fake = d.forward(xHat, true);
                            NDArray loss = step.zeros(new Shape());
                            for (int i = 0; i < real.logits().size(); i++) {
                                loss = loss.add(real.logits().get(i).sub(1).square().mean())
                                        .add(fake.logits().get(i).square().mean());
                            }
                            loss.getFloat(); // forward done
                            long t1 = System.nanoTime();
                            gc.backward(loss);
                            forward[rep] = (t1 - t0) / 1e9;
                            total[rep] = (System.nanoTime() - t0) / 1e9;
                        }
                    }
                    System.out.printf("%s: forward real+fake %.2f s, + backward %.2f s (median of 3 after warm-up; "
                            + "fastest %.2f s; first call %.2f s)%n", d.family(), median(forward), median(total),
                            Arrays.stream(total, 1, 4).min().orElseThrow(), total[0]);
                }
            }
        }
    }

    private static double median(double[] fourRuns) {
        double[] warm = Arrays.copyOfRange(fourRuns, 1, 4);
        Arrays.sort(warm);
        return warm[1];
    }
}
