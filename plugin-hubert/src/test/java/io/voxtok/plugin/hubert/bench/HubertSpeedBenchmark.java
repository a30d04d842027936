package io.voxtok.plugin.hubert.bench;

import ai.djl.Device;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.plugin.hubert.config.HubertConfig;
import io.voxtok.plugin.hubert.model.HubertCheckpoint;
import io.voxtok.plugin.hubert.model.HubertDjlModel;
import io.voxtok.plugin.hubert.model.HubertEncoder;
import io.voxtok.plugin.hubert.model.HubertKeyMapper;
import io.voxtok.plugin.hubert.model.HubertModelDirectory;
import io.voxtok.plugin.hubert.model.HubertOnnxModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Speed of the HuBERT teacher (not a test: run by hand). Prints seconds of compute per second of audio for 10 s
 * inputs, median of 3 after one warm-up, for the fixture model (DJL and ONNX Runtime) and for HuBERT base with
 * random weights (DJL). Threads: set {@code -Dai.djl.pytorch.num_threads=2} / {@code -Dai.djl.pytorch.num_interop_threads=1}.
 *
 * <p>Usage: {@code java -cp <test classpath> io.voxtok.plugin.hubert.bench.HubertSpeedBenchmark <fixture dir> <model.onnx>}
 */
public final class HubertSpeedBenchmark {
    private HubertSpeedBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        Path fixture = Path.of(args[0]);
        Path onnx = Path.of(args[1]);
        float[] audio = new float[160_000];
        Random r = new Random(1);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.1 * r.nextGaussian());
        }
        HubertCheckpoint small = HubertModelDirectory.open(fixture).load();
        try (HubertDjlModel m = new HubertDjlModel(small, Device.cpu())) {
            report("fixture model (64 wide, 4 layers), DJL PyTorch", m, audio);
        }
        try (HubertOnnxModel m = new HubertOnnxModel(onnx, small.config(), DeviceSpec.cpu(), 2)) {
            report("fixture model (64 wide, 4 layers), ONNX Runtime", m, audio);
        }
        try (HubertDjlModel m = new HubertDjlModel(randomBase(), Device.cpu())) {
            report("HuBERT base (random weights), DJL PyTorch", m, audio);
        }
    }

    private static void report(String what, HubertEncoder m, float[] audio) {
        m.run(List.of(audio), false);
        double[] t = new double[3];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            m.run(List.of(audio), false);
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        double seconds = audio.length / 16_000.0;
        System.out.printf("%s: %.3f s for %.0f s of audio (runs %s) = %.1f s of audio per second%n", what, t[1], seconds,
                Arrays.toString(t), seconds / t[1]);
    }

    private static HubertCheckpoint randomBase() {
        HubertConfig cfg = HubertConfig.base();
        Random r = new Random(7);
        Map<String, Tensor> w = new LinkedHashMap<>();
        int[] dims = cfg.convDim();
        int[] k = cfg.convKernel();
        int d = cfg.hiddenSize();
        for (String key : HubertKeyMapper.expectedKeys(cfg)) {
            long[] shape;
            if (key.startsWith("feature_extractor.conv_layers.") && key.endsWith(".conv.weight")) {
                int i = Integer.parseInt(key.split("\\.")[2]);
                shape = new long[] {dims[i], i == 0 ? 1 : dims[i - 1], k[i]};
            } else if (key.startsWith("feature_extractor")) {
                shape = new long[] {dims[0]};
            } else if (key.startsWith("feature_projection.layer_norm")) {
                shape = new long[] {dims[6]};
            } else if (key.equals("feature_projection.projection.weight")) {
                shape = new long[] {d, dims[6]};
            } else if (key.endsWith("weight_g")) {
                shape = new long[] {1, 1, cfg.numConvPosEmbeddings()};
            } else if (key.endsWith("weight_v")) {
                shape = new long[] {d, d / cfg.numConvPosEmbeddingGroups(), cfg.numConvPosEmbeddings()};
            } else if (key.contains("intermediate_dense.weight")) {
                shape = new long[] {cfg.intermediateSize(), d};
            } else if (key.contains("intermediate_dense.bias")) {
                shape = new long[] {cfg.intermediateSize()};
            } else if (key.contains("output_dense.weight")) {
                shape = new long[] {d, cfg.intermediateSize()};
            } else if (key.endsWith("proj.weight")) {
                shape = new long[] {d, d};
            } else {
                shape = new long[] {d};
            }
            float[] v = new float[(int) Tensor.numel(shape)];
            boolean norm = key.contains("norm") && key.endsWith("weight");
            for (int i = 0; i < v.length; i++) {
                v[i] = norm ? 1f : (float) (0.02 * r.nextGaussian());
            }
            w.put(key, Tensor.ofFloats(v, shape));
        }
        return new HubertCheckpoint(cfg, StateDict.of(w, null), HubertKeyMapper.Layout.HUGGING_FACE);
    }
}
