package io.voxtok.training.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.voxtok.modelio.DType;
import io.voxtok.modelio.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Adam with the update rule of {@code torch.optim.Adam} in PyTorch 1.13 (single-tensor path, no amsgrad), applied in
 * place to float32 DJL parameter arrays:
 * <pre>
 *   g = grad (negated when maximize) [+ weight_decay * p]
 *   step += 1
 *   m = m * beta1 + (1 - beta1) * g
 *   v = v * beta2 + ((1 - beta2) * g) * g
 *   bc1 = 1 - beta1^step,  bc2 = 1 - beta2^step          (double)
 *   denom = sqrt(v) / sqrt(bc2) + eps
 *   p = p + ((-lr / bc1) * m) / denom
 * </pre>
 * Scalars are computed in double and rounded to float32 where torch casts them, and every tensor operation is a
 * float32 operation in torch's order. The one known rounding difference: torch's vectorised CPU kernel evaluates
 * {@code m * beta1 + (1 - beta1) * g} (and the weight-decay add) with a fused multiply-add, this class with a
 * multiply and an add, so moments can differ from torch's by one float32 ulp.
 *
 * <p>Updates run on detached aliases of the parameters and gradients, so nothing is recorded by autograd even inside
 * a {@code GradientCollector}. State (moments and per-parameter step counts) is created lazily at a parameter's first
 * step, in a sub-manager of that parameter's manager, and can be exported and imported ({@link AdamState}) so that a
 * resumed run continues bit-exactly. DJL never zeroes gradients: the caller does, before each backward.
 */
public final class Adam implements AutoCloseable {
    private final Map<String, NDArray> parameters;
    private final AdamSettings settings;
    private final Map<String, Moments> state = new LinkedHashMap<>();
    private final Map<NDManager, NDManager> stateManagers = new LinkedHashMap<>();

    private static final class Moments {
        final NDArray expAvg;
        final NDArray expAvgSq;
        long step;

        Moments(NDArray expAvg, NDArray expAvgSq, long step) {
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
            this.step = step;
        }
    }

    /**
     * @param parameters the float32 parameters to update, by name (iteration order is the update order); the arrays
     *                   are updated in place and must stay open while this optimiser is used
     * @param settings   hyper-parameters
     */
    public Adam(Map<String, NDArray> parameters, AdamSettings settings) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            if (e.getValue().getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " is " + e.getValue().getDataType()
                        + "; Adam supports float32 parameters");
            }
        }
        this.parameters = new LinkedHashMap<>(parameters);
        this.settings = settings;
    }

    /** The hyper-parameters. */
    public AdamSettings settings() {
        return settings;
    }

    /** The parameter names, in update order. */
    public Set<String> parameterNames() {
        return Collections.unmodifiableSet(parameters.keySet());
    }

    /** Number of updates applied to parameter {@code name} so far (0 before its first step). */
    public long steps(String name) {
        Moments m = state.get(name);
        return m == null ? 0 : m.step;
    }

    /**
     * One update of every parameter that requires a gradient, using the gradient DJL accumulated on it.
     *
     * @param lr learning rate of this step
     */
    public void step(double lr) {
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            if (!p.hasGradient()) {
                continue;
            }
            try (NDArray grad = p.getGradient()) {
                update(e.getKey(), p, grad, lr);
            }
        }
    }

    /**
     * One update with explicit gradients; parameters without an entry are skipped (torch's {@code grad is None}).
     *
     * @param lr        learning rate of this step
     * @param gradients gradient per parameter name, same shape as the parameter (not modified)
     */
    public void step(double lr, Map<String, NDArray> gradients) {
        for (String name : gradients.keySet()) {
            if (!parameters.containsKey(name)) {
                throw new IllegalArgumentException("gradient for unknown parameter " + name);
            }
        }
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray grad = gradients.get(e.getKey());
            if (grad != null) {
                update(e.getKey(), e.getValue(), grad, lr);
            }
        }
    }

    private void update(String name, NDArray param, NDArray gradient, double lr) {
        if (!param.getShape().equals(gradient.getShape())) {
            throw new IllegalArgumentException("gradient of " + name + " has shape " + gradient.getShape()
                    + ", parameter " + param.getShape());
        }
        Moments s = state.computeIfAbsent(name, k -> newMoments(param));
        double beta1 = settings.beta1();
        double beta2 = settings.beta2();
        try (NDManager tmp = stateManager(param).newSubManager()) {
            // detached aliases share storage with the parameter and its gradient; they are ours to close
            NDArray p = param.stopGradient();
            p.attach(tmp);
            NDArray g = gradient.stopGradient();
            g.attach(tmp);
            // the moments only visit tmp, so that every intermediate below is created (and freed) there
            s.expAvg.tempAttach(tmp);
            s.expAvgSq.tempAttach(tmp);
            if (settings.maximize()) {
                g = g.neg();
            }
            if (settings.weightDecay() != 0) {
                g = g.add(p.mul((float) settings.weightDecay()));
            }
            s.step++;
            s.expAvg.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            s.expAvgSq.muli((float) beta2).addi(g.mul((float) (1 - beta2)).muli(g));
            double bc1 = 1 - Math.pow(beta1, s.step);
            double bc2 = 1 - Math.pow(beta2, s.step);
            double stepSize = lr / bc1;
            NDArray denom = s.expAvgSq.sqrt().divi((float) Math.sqrt(bc2)).addi((float) settings.eps());
            p.addi(s.expAvg.mul((float) -stepSize).divi(denom));
        }
    }

    private Moments newMoments(NDArray param) {
        NDManager m = stateManager(param);
        NDArray expAvg = m.zeros(param.getShape(), DataType.FLOAT32, param.getDevice());
        NDArray expAvgSq = m.zeros(param.getShape(), DataType.FLOAT32, param.getDevice());
        return new Moments(expAvg, expAvgSq, 0);
    }

    private NDManager stateManager(NDArray param) {
        return stateManagers.computeIfAbsent(param.getManager(), NDManager::newSubManager);
    }

    /** A copy of the state of every parameter stepped so far. */
    public AdamState exportState() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        Map<String, Tensor> v = new LinkedHashMap<>();
        Map<String, Long> steps = new LinkedHashMap<>();
        for (Map.Entry<String, Moments> e : state.entrySet()) {
            long[] shape = e.getValue().expAvg.getShape().getShape();
            m.put(e.getKey(), Tensor.ofFloats(e.getValue().expAvg.toFloatArray(), shape));
            v.put(e.getKey(), Tensor.ofFloats(e.getValue().expAvgSq.toFloatArray(), shape));
            steps.put(e.getKey(), e.getValue().step);
        }
        return new AdamState(m, v, steps);
    }

    /**
     * Replaces the whole state by {@code snapshot} (parameters absent from it start fresh, as after construction).
     *
     * @throws IllegalArgumentException when the snapshot names an unknown parameter or has a wrong shape or type
     */
    public void importState(AdamState snapshot) {
        for (String name : snapshot.steps().keySet()) {
            NDArray p = parameters.get(name);
            if (p == null) {
                throw new IllegalArgumentException("state for unknown parameter " + name);
            }
            for (Tensor t : new Tensor[] {snapshot.expAvg().get(name), snapshot.expAvgSq().get(name)}) {
                if (t.dtype() != DType.FLOAT32 || !new Shape(t.shape()).equals(p.getShape())) {
                    throw new IllegalArgumentException("state of " + name + " is " + t + ", parameter is "
                            + p.getShape() + " float32");
                }
            }
        }
        clearState();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            String name = e.getKey();
            if (!snapshot.steps().containsKey(name)) {
                continue;
            }
            NDManager m = stateManager(e.getValue());
            Shape shape = e.getValue().getShape();
            NDArray expAvg = onDevice(m.create(snapshot.expAvg().get(name).toFloatArray(), shape), e.getValue());
            NDArray expAvgSq = onDevice(m.create(snapshot.expAvgSq().get(name).toFloatArray(), shape),
                    e.getValue());
            state.put(name, new Moments(expAvg, expAvgSq, snapshot.steps().get(name)));
        }
    }

    private static NDArray onDevice(NDArray a, NDArray like) {
        if (a.getDevice().equals(like.getDevice())) {
            return a;
        }
        try (a) {
            return a.toDevice(like.getDevice(), true);
        }
    }

    private void clearState() {
        for (Moments s : state.values()) {
            s.expAvg.close();
            s.expAvgSq.close();
        }
        state.clear();
    }

    /** Frees the state arrays (the parameters are not touched). */
    @Override
    public void close() {
        clearState();
        stateManagers.values().forEach(NDManager::close);
        stateManagers.clear();
    }
}
