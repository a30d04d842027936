package io.voxtok.nn;

import java.nio.ByteBuffer;

/**
 * Frees collected Java direct buffers and reuses their memory with junk, for tests and parity checks of backward
 * passes. On the PyTorch engine an array made from Java data wraps a direct buffer that only its Java object keeps
 * alive; if an autograd graph saved such an array (a scalar of {@code x.mul(2f)}, a constant matrix closed after
 * the forward) the backward pass reads freed memory. That happens only after a garbage collection, so in training it
 * shows up as rare, unreproducible gradient spikes; calling {@link #churn()} between forward and backward turns it
 * into a failure every time. See {@link NdArrays#engineOwned} and the scalar helpers there for the fix.
 */
public final class NativeMemoryChurn {
    private static final long JUNK = 0x7f00deadbeefL;

    private NativeMemoryChurn() {
    }

    /** Runs a few garbage collections, each followed by filling many fresh direct buffers with junk. */
    public static void churn() {
        for (int k = 0; k < 3; k++) {
            System.gc();
            for (int j = 0; j < 200; j++) {
                ByteBuffer b = ByteBuffer.allocateDirect(1 << 14);
                while (b.remaining() >= 8) {
                    b.putLong(JUNK);
                }
            }
        }
    }
}
