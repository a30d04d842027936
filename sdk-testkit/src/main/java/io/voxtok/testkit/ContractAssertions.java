package io.voxtok.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.token.TokenMatrix;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the contract suites: error kinds and messages, code comparisons, finite samples. */
final class ContractAssertions {
    private ContractAssertions() {
    }

    /**
     * Asserts that {@code action} throws a {@link VoxtokException} of kind {@link ErrorKind#USER_INPUT} whose
     * message contains (case-insensitively) at least one of {@code keywords}.
     *
     * @param what describes the bad input, for the failure message
     */
    static VoxtokException assertUserInput(Executable action, String what, String... keywords) {
        Throwable thrown = null;
        try {
            action.execute();
        } catch (Throwable t) {
            thrown = t;
        }
        if (thrown == null) {
            return fail(what + ": expected VoxtokException(USER_INPUT) but the call returned normally");
        }
        if (!(thrown instanceof VoxtokException e)) {
            throw new AssertionError(what + ": expected VoxtokException(USER_INPUT) but got " + thrown, thrown);
        }
        assertEquals(ErrorKind.USER_INPUT, e.kind(), () -> what + ": wrong error kind; message was: " + e.getMessage());
        String message = e.getMessage();
        assertNotNull(message, what + ": the exception has no message");
        if (keywords.length > 0) {
            String lower = message.toLowerCase(Locale.ROOT);
            boolean mentioned = Arrays.stream(keywords).anyMatch(k -> lower.contains(k.toLowerCase(Locale.ROOT)));
            assertTrue(mentioned, () -> what + ": the message should mention one of " + Arrays.toString(keywords)
                    + " but was: " + message);
        }
        return e;
    }

    /** Returns what {@code action} returns, failing with an assertion (not its exception) when it throws. */
    static <T> T works(org.junit.jupiter.api.function.ThrowingSupplier<T> action, String what) {
        try {
            return action.get();
        } catch (Throwable t) {
            throw new AssertionError(what + " must work but threw " + t, t);
        }
    }

    /** Asserts that {@code action} throws nothing, reporting what was done on failure. */
    static void assertWorks(Executable action, String what) {
        try {
            action.execute();
        } catch (Throwable t) {
            throw new AssertionError(what + " must work but threw " + t, t);
        }
    }

    /** Concatenates single-item matrices along the frame axis: {@code [layer][frame]} of their valid frames. */
    static int[][] concatFrames(List<TokenMatrix> pieces, int layers) {
        int[][] out = new int[layers][0];
        for (TokenMatrix piece : pieces) {
            int[][] codes = piece.itemCodes(0);
            for (int l = 0; l < layers; l++) {
                int[] joined = Arrays.copyOf(out[l], out[l].length + codes[l].length);
                System.arraycopy(codes[l], 0, joined, out[l].length, codes[l].length);
                out[l] = joined;
            }
        }
        return out;
    }

    /** Asserts equal {@code [layer][frame]} codes, naming the first differing layer and frame. */
    static void assertSameCodes(int[][] expected, int[][] actual, String what) {
        assertEquals(expected.length, actual.length, () -> what + ": number of layers differs");
        for (int l = 0; l < expected.length; l++) {
            int layer = l;
            assertEquals(expected[l].length, actual[l].length,
                    () -> what + ": layer " + layer + " frame count differs");
            int at = Arrays.mismatch(expected[l], actual[l]);
            if (at >= 0) {
                fail(what + ": codes differ first at layer " + l + ", frame " + at + " (expected " + expected[l][at]
                        + ", got " + actual[l][at] + ")");
            }
        }
    }

    /** Throws unless every sample is finite. */
    static void assertFinite(float[] samples, String what) {
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                fail(what + ": sample " + i + " is " + samples[i]);
            }
        }
    }
}
