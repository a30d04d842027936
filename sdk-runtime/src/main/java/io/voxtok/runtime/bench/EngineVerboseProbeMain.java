package io.voxtok.runtime.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.voxtok.nn.profile.OpBenchmark;

/**
 * Entry point of the child JVM that {@link EngineVerboseProbe} starts: loads the PyTorch engine with the given
 * intra-op threads and runs each primitive given on the command line twice, so that oneDNN and MKL, made verbose
 * by the parent, print what they run.
 */
public final class EngineVerboseProbeMain {
    private EngineVerboseProbeMain() {
    }

    /**
     * @param args intra-op threads, then primitive specs ({@link EngineVerboseProbe#spec})
     */
    public static void main(String[] args) {
        Engine engine = Engine.getEngine("PyTorch");
        ai.djl.pytorch.jni.JniUtils.setNumThreads(Integer.parseInt(args[0]));
        OpBenchmark once = new OpBenchmark(0, 1, 1);
        try (NDManager m = engine.newBaseManager()) {
            for (int i = 1; i < args.length; i++) {
                once.measure(m, EngineVerboseProbe.parseSpec(args[i]));
            }
        }
    }
}
