package io.voxtok.runtime.boot;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libtorch's intra-op thread pool is one per process, so two runtimes in one JVM cannot run PyTorch with different
 * thread counts. This mirrors that native state (the only static mutable state of the runtime, because the state
 * it guards is itself process-wide): the first runtime to start PyTorch sets the count; later runtimes asking for
 * the same count share it; one asking for another count while any holder is open fails with a clear error; after
 * every holder has closed, the next one sets its own count.
 */
public final class EngineThreads {
    private static final Logger LOG = LoggerFactory.getLogger(EngineThreads.class);
    private static int threads;
    private static int holders;
    private static boolean interopSet;

    private EngineThreads() {
    }

    /**
     * Claims the process-wide PyTorch thread count (the engine must be started).
     *
     * @param wanted intra-op threads
     * @param apply  whether to set it in libtorch (false when {@code -Dai.djl.pytorch.num_threads} already did)
     * @throws VoxtokException ENVIRONMENT when another open runtime holds another count
     */
    static synchronized void claim(int wanted, boolean apply) {
        if (holders > 0 && threads != wanted) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "PyTorch already runs with " + threads + " threads for"
                    + " another open Voxtok runtime in this JVM, and its thread pool is process-wide: start this"
                    + " runtime with " + threads + " threads too, or close the other one first (asked: " + wanted + ")");
        }
        if (holders == 0 && apply) {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(wanted);
            if (!interopSet && System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                interopSet = true;
                try {
                    // one inter-op thread: the models here have no parallel branches worth a second pool
                    ai.djl.pytorch.jni.JniUtils.setNumInteropThreads(1);
                } catch (RuntimeException e) {
                    // libtorch allows this only before its first parallel work; someone ran PyTorch before us
                    LOG.debug("inter-op threads left as they are: {}", e.toString());
                }
            }
        }
        threads = wanted;
        holders++;
    }

    /** Gives back one claim. */
    public static synchronized void release() {
        if (holders > 0) {
            holders--;
        }
    }

    /** The count in force while any runtime holds PyTorch, else 0. */
    public static synchronized int current() {
        return holders > 0 ? threads : 0;
    }
}
