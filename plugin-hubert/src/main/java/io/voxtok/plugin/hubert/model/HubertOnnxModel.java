package io.voxtok.plugin.hubert.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.backend.DeviceSpec;
import io.voxtok.plugin.hubert.config.HubertConfig;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Runs a HuBERT ONNX export with ONNX Runtime. Expected graph (what {@code src/test/python/make_hubert_assets.py}
 * exports): one float32 input {@code (batch, samples)} (any name, e.g. {@code input_values}) and an output named
 * {@code hidden_states} of shape {@code (layers + 1, batch, frames, hidden)}: the Hugging Face hidden states
 * stacked. Items are run one at a time (an export has no attention mask), so each equals running it alone.
 *
 * <p>Uses the shared {@link OrtEnvironment#getEnvironment()} (never closed); owns its session and options until
 * {@link #close}. Thread-safe ({@link OrtSession#run} is).
 */
public final class HubertOnnxModel implements HubertEncoder {
    /** Name of the output holding the stacked hidden states. */
    public static final String OUTPUT = "hidden_states";

    private final HubertConfig cfg;
    private final Path file;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final String input;

    /**
     * Opens a session.
     *
     * @param onnxFile the export
     * @param cfg      its architecture (config.json), used to check the output shape
     * @param device   CPU, or a GPU through the CUDA execution provider (needs an onnxruntime build with CUDA)
     * @param threads  intra-op threads of this session
     * @throws VoxtokException USER_INPUT for a graph that does not follow the convention, ENVIRONMENT when the
     *                         session or the execution provider cannot be created
     */
    public HubertOnnxModel(Path onnxFile, HubertConfig cfg, DeviceSpec device, int threads) {
        this.cfg = cfg;
        this.file = onnxFile;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        OrtSession s = null;
        try {
            opts.setIntraOpNumThreads(threads);
            if (device.gpu()) {
                opts.addCUDA(device.ordinal());
            }
            s = env.createSession(onnxFile.toString(), opts);
            if (s.getNumInputs() != 1 || !s.getOutputNames().contains(OUTPUT)) {
                throw VoxtokException.userInput(onnxFile + ": expected one input (batch, samples) and an output '" + OUTPUT
                        + "' (layers+1, batch, frames, hidden); got inputs " + s.getInputNames() + ", outputs "
                        + s.getOutputNames());
            }
            NodeInfo out = s.getOutputInfo().get(OUTPUT);
            if (out.getInfo() instanceof TensorInfo ti && ti.getShape().length != 4) {
                throw VoxtokException.userInput(onnxFile + ": output '" + OUTPUT + "' has rank " + ti.getShape().length
                        + ", expected 4 (layers+1, batch, frames, hidden)");
            }
            this.input = s.getInputNames().iterator().next();
            this.session = s;
            this.options = opts;
        } catch (OrtException e) {
            closeQuietly(s, opts);
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot open ONNX model " + onnxFile + " on " + device + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(s, opts);
            throw e;
        }
    }

    private static void closeQuietly(OrtSession s, OrtSession.SessionOptions opts) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // already failing; the original error is reported
            }
        }
        opts.close();
    }

    @Override
    public HubertConfig config() {
        return cfg;
    }

    /** {@inheritDoc} The CNN output is not part of the export: {@code withCnnOutput} must be false. */
    @Override
    public List<HubertHiddenStates> run(List<float[]> waves, boolean withCnnOutput) {
        if (withCnnOutput) {
            throw new UnsupportedOperationException("the ONNX export has no CNN feature output");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<HubertHiddenStates> out = new ArrayList<>(waves.size());
        int layers = cfg.numHiddenLayers() + 1;
        int d = cfg.hiddenSize();
        for (float[] w : waves) {
            int frames = cfg.frames(w.length);
            if (frames == 0) {
                float[][] empty = new float[layers][];
                Arrays.setAll(empty, i -> new float[0]);
                out.add(new HubertHiddenStates(empty, 0, d, null, 0));
                continue;
            }
            try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(w), new long[] {1, w.length});
                 OrtSession.Result r = session.run(Map.of(input, x))) {
                OnnxTensor hs = (OnnxTensor) r.get(OUTPUT).orElseThrow();
                long[] shape = hs.getInfo().getShape();
                if (!Arrays.equals(shape, new long[] {layers, 1, frames, d})) {
                    throw VoxtokException.userInput(file + ": output '" + OUTPUT + "' has shape " + Arrays.toString(shape)
                            + " for " + w.length + " samples, expected " + Arrays.toString(new long[] {layers, 1, frames, d})
                            + " from config.json");
                }
                FloatBuffer fb = hs.getFloatBuffer();
                float[][] states = new float[layers][frames * d];
                for (float[] s : states) {
                    fb.get(s);
                }
                out.add(new HubertHiddenStates(states, frames, d, null, 0));
            } catch (OrtException e) {
                throw new VoxtokException(ErrorKind.INTERNAL, "ONNX Runtime failed on " + file + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new VoxtokException(ErrorKind.INTERNAL, "cannot close ONNX session of " + file + ": " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
