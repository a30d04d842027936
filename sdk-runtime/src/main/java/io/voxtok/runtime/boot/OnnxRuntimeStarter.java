package io.voxtok.runtime.boot;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates ONNX Runtime's process-wide environment with the runtime's thread options. A class of its own so that
 * nothing of ONNX Runtime is loaded unless it is the configured backend (its jar may be absent).
 */
final class OnnxRuntimeStarter {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeStarter.class);

    private OnnxRuntimeStarter() {
    }

    static void start(int threads) {
        try {
            OrtEnvironment.ThreadingOptions options = new OrtEnvironment.ThreadingOptions();
            options.setGlobalIntraOpNumThreads(threads);
            options.setGlobalInterOpNumThreads(1);
            OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "voxtok", options);
            options.close();
        } catch (IllegalStateException e) {
            // an environment already exists (created earlier in this JVM, with its own options): reuse it
            LOG.debug("ONNX Runtime environment already exists; reusing it");
        } catch (OrtException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot start ONNX Runtime: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot load ONNX Runtime (com.microsoft.onnxruntime:"
                    + "onnxruntime must be on the class path for backend onnxruntime): " + e, e);
        }
    }
}
