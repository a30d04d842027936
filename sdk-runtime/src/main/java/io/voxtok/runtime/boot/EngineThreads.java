package io.voxtok.runtime.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libtorch's intra-op thread pool is one per process, so two runtimes in one JVM cannot run PyTorch with different
 * thread counts. This mirrors that native state (the only static mutable state of the runtime, because the state
 * it guards is itself process-wide): the first runtime to start PyTorch sets the count; later runtimes share it
 * while any holder is open, and one that asked for another count is told so (a warning, and its
 * {@code backend().intraOpThreads()} reports the count in force) rather than silently changing the pool under the
 * first; after every holder has closed, the next one sets its own count. Sharing, not failing, is what Spark's
 * local mode needs: driver and executors are runtimes in one JVM.
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
     * @param wanted intra-op threads asked for
     * @param apply  whether to set it in libtorch (false when {@code -Dai.djl.pytorch.num_threads} already did)
     * @return the count in force: {@code wanted}, or the count another open runtime set
     */
    static synchronized int claim(int wanted, boolean apply) {
        if (holders > 0 && threads != wanted) {
            LOG.warn("PyTorch already runs with {} threads for another open Voxtok runtime in this JVM, and its thread"
                    + " pool is process-wide: this runtime shares those {} threads (asked: {})", threads, threads, wanted);
            holders++;
            return threads;
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
        return wanted;
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
