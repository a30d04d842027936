package io.voxtok.plugin.speakerencoder.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.voxtok.api.ComponentId;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.speaker.SpeakerEncoder;
import io.voxtok.api.speaker.SpeakerEncoderSpec;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A user's ONNX speaker encoder run with ONNX Runtime. Expected graph: one float32 input, either the waveform
 * {@code (1, N)} or Kaldi fbank features {@code (1, T, bins)} ({@link OnnxSettings}), and an output (the named one,
 * else the first) holding the embedding, {@code (1, D)} or {@code (D)}. One utterance per run.
 *
 * <p>Uses the shared {@link OrtEnvironment#getEnvironment()} (never closed); opens its session and options and
 * closes them in {@link #close}. Thread-safe ({@link OrtSession#run} is).
 */
public final class OnnxSpeakerEncoder implements SpeakerEncoder {
    private final ComponentId id;
    private final Path file;
    private final OnnxSettings settings;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final String input;
    private final String output;
    private final KaldiFbank fbank;
    private final SpeakerEncoderSpec spec;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Opens a session and probes the embedding size with one second of silence-free test signal.
     *
     * @param threads intra-op threads of the session
     * @throws VoxtokException USER_INPUT for a graph that does not follow the convention, ENVIRONMENT when the
     *                         session cannot be created
     */
    public OnnxSpeakerEncoder(ComponentId id, Path file, OnnxSettings settings, int threads) {
        this.id = id;
        this.file = file;
        this.settings = settings;
        this.fbank = settings.input() == OnnxInputKind.FBANK ? new KaldiFbank(settings.sampleRate(), settings.bins())
                : null;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        OrtSession s = null;
        try {
            opts.setIntraOpNumThreads(threads);
            s = env.createSession(file.toString(), opts);
            if (s.getNumInputs() != 1) {
                throw VoxtokException.userInput(file + ": expected one input (" + settings.input().name().toLowerCase()
                        + "), got " + s.getInputNames());
            }
            this.input = s.getInputNames().iterator().next();
            if (s.getInputInfo().get(input).getInfo() instanceof TensorInfo ti) {
                int rank = settings.input() == OnnxInputKind.FBANK ? 3 : 2;
                if (ti.getShape().length != rank) {
                    throw VoxtokException.userInput(file + ": input '" + input + "' has rank " + ti.getShape().length
                            + ", but input=" + settings.input().name().toLowerCase() + " needs rank " + rank
                            + (rank == 2 ? " (1, samples)" : " (1, frames, bins)"));
                }
            }
            String out = settings.output() != null ? settings.output() : s.getOutputNames().iterator().next();
            if (!s.getOutputNames().contains(out)) {
                throw VoxtokException.userInput(file + " has no output '" + out + "'; outputs: " + s.getOutputNames());
            }
            this.output = out;
            this.session = s;
            this.options = opts;
        } catch (OrtException e) {
            closeQuietly(s, opts);
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot open ONNX model " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(s, opts);
            throw e;
        }
        try {
            float[] probe = new float[settings.sampleRate()];
            for (int i = 0; i < probe.length; i++) {
                probe[i] = (float) (0.1 * Math.sin(i * 0.05));
            }
            int dim = run(probe).length;
            this.spec = new SpeakerEncoderSpec(settings.sampleRate(), dim, "ONNX speaker encoder " + file.toAbsolutePath()
                    .normalize() + " (" + settings.describe() + ", output '" + output + "')");
        } catch (RuntimeException e) {
            close();
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
    public ComponentId id() {
        return id;
    }

    @Override
    public SpeakerEncoderSpec spec() {
        return spec;
    }

    @Override
    public float[] embed(float[] samples) {
        if (closed.get()) {
            throw new IllegalStateException(id + " is closed");
        }
        float[] e = run(samples);
        if (e.length != spec.dimension()) {
            throw VoxtokException.userInput(file + ": embedding of " + e.length + " values, but " + spec.dimension()
                    + " for the probe signal");
        }
        return e;
    }

    private float[] run(float[] samples) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] data;
        long[] shape;
        if (fbank == null) {
            if (samples.length < settings.minSamples()) {
                throw VoxtokException.userInput(id + ": audio of " + samples.length + " samples is too short; need at "
                        + "least " + settings.minSamples());
            }
            data = samples;
            shape = new long[] {1, samples.length};
        } else {
            float[][] feats = features(samples);
            data = new float[feats.length * fbank.bins()];
            for (int t = 0; t < feats.length; t++) {
                System.arraycopy(feats[t], 0, data, t * fbank.bins(), fbank.bins());
            }
            shape = new long[] {1, feats.length, fbank.bins()};
        }
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
             OrtSession.Result r = session.run(Map.of(input, x))) {
            OnnxTensor y = (OnnxTensor) r.get(output).orElseThrow();
            long[] s = y.getInfo().getShape();
            if (!(s.length == 1 || (s.length == 2 && s[0] == 1))) {
                throw VoxtokException.userInput(file + ": output '" + output + "' has shape " + Arrays.toString(s)
                        + ", expected (1, D) or (D)");
            }
            FloatBuffer fb = y.getFloatBuffer();
            float[] e = new float[fb.remaining()];
            fb.get(e);
            return e;
        } catch (OrtException e) {
            throw new VoxtokException(ErrorKind.INTERNAL, "ONNX Runtime failed on " + file + ": " + e.getMessage(), e);
        }
    }

    /** The fbank input of {@code samples}: scaled, computed, and mean-normalised per bin when configured. */
    float[][] features(float[] samples) {
        float[] scaled = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            scaled[i] = (float) (samples[i] * settings.fbankScale());
        }
        float[][] feats = fbank.compute(scaled);
        if (settings.meanNormalize()) {
            for (int b = 0; b < fbank.bins(); b++) {
                double mean = 0;
                for (float[] f : feats) {
                    mean += f[b];
                }
                mean /= feats.length;
                for (float[] f : feats) {
                    f[b] -= (float) mean;
                }
            }
        }
        return feats;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new VoxtokException(ErrorKind.INTERNAL, "cannot close ONNX session of " + file + ": " + e.getMessage(), e);
        } finally {
            options.close();
        }
    }
}
