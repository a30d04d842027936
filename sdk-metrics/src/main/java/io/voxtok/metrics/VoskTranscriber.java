package io.voxtok.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.text.Transcriber;
import java.io.IOException;
import java.nio.file.Path;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Offline English speech recognition with Vosk 0.3.45 (Kaldi-based, {@code com.alphacephei:vosk}, Apache-2.0)
 * and its small US English model ({@link VoskModelCache}): 16 kHz mono input, output lower case words without
 * punctuation. Runs in-process through JNA; Vosk's own native library ships inside the jar for linux-x86-64,
 * macOS and Windows x86-64. {@link #transcribe} is thread-safe (one recogniser per call over the shared model);
 * {@link #close} frees the model and must not race with {@code transcribe}.
 */
public final class VoskTranscriber implements Transcriber {
    /** Rate the model was trained for. */
    public static final int SAMPLE_RATE = 16000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK = 8000;
    private final Model model;
    private volatile boolean closed;

    private VoskTranscriber(Model model) {
        this.model = model;
    }

    /** Loads the cached model (unpacking it on first use). */
    public static VoskTranscriber open() {
        return open(VoskModelCache.modelDirectory());
    }

    /** Loads a Vosk model folder. */
    public static VoskTranscriber open(Path modelDir) {
        try {
            LibVosk.setLogLevel(LogLevel.WARNINGS);
            return new VoskTranscriber(new Model(modelDir.toString()));
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot load the Vosk model in " + modelDir + ": " + e.getMessage(), e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "Vosk's native library could not be loaded on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
        }
    }

    /** Model description for provenance. */
    public String description() {
        return "vosk " + VoskModelCache.VERSION + " vosk-model-small-en-us (com.alphacephei:vosk-model-en:" + VoskModelCache.VERSION
                + "), features without dither unless the model folder was given explicitly";
    }

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public String transcribe(AudioBuffer audio) {
        if (closed) {
            throw new IllegalStateException("VoskTranscriber is closed");
        }
        if (audio.sampleRate() != SAMPLE_RATE || audio.channels() != 1) {
            throw VoxtokException.userInput("Vosk expects mono " + SAMPLE_RATE + " Hz audio, got " + audio + "; resample first");
        }
        if (audio.hasNonFinite()) {
            throw VoxtokException.userInput("Vosk: audio contains NaN or infinite samples");
        }
        float[] x = audio.channel(0);
        short[] pcm = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            pcm[i] = (short) Math.round(Math.max(-1f, Math.min(1f, x[i])) * 32767f);
        }
        StringBuilder text = new StringBuilder();
        try (Recognizer r = new Recognizer(model, SAMPLE_RATE)) {
            short[] chunk = new short[CHUNK];
            for (int off = 0; off < pcm.length; off += CHUNK) {
                int n = Math.min(CHUNK, pcm.length - off);
                System.arraycopy(pcm, off, chunk, 0, n);
                // true means an endpoint was detected: that segment's result must be taken now.
                if (r.acceptWaveForm(chunk, n)) {
                    append(text, r.getResult());
                }
            }
            append(text, r.getFinalResult());
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "Vosk recogniser failed: " + e.getMessage(), e);
        }
        return text.toString().trim();
    }

    private static void append(StringBuilder b, String json) {
        try {
            String t = JSON.readTree(json).path("text").asText("");
            if (!t.isBlank()) {
                b.append(' ').append(t.trim());
            }
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.INTERNAL, "unexpected Vosk result " + json, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        model.close();
    }
}
