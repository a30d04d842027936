package io.voxtok.api.backend;

import java.util.Locale;

/**
 * A device: the CPU or GPU number {@code ordinal}. Immutable.
 *
 * @param gpu     true for a GPU
 * @param ordinal GPU index (0 for the CPU)
 */
public record DeviceSpec(boolean gpu, int ordinal) {
    /** Validates the ordinal. */
    public DeviceSpec {
        if (ordinal < 0 || (!gpu && ordinal != 0)) {
            throw new IllegalArgumentException("bad device ordinal " + ordinal);
        }
    }

    /** The CPU. */
    public static DeviceSpec cpu() {
        return new DeviceSpec(false, 0);
    }

    /** GPU number {@code i}. */
    public static DeviceSpec gpu(int i) {
        return new DeviceSpec(true, i);
    }

    /** Parses {@code cpu}, {@code gpu} or {@code gpu:N}. */
    public static DeviceSpec parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("cpu")) {
            return cpu();
        }
        if (t.equals("gpu") || t.equals("cuda")) {
            return gpu(0);
        }
        if (t.startsWith("gpu:") || t.startsWith("cuda:")) {
            try {
                return gpu(Integer.parseInt(t.substring(t.indexOf(':') + 1)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("device '" + text + "' is not cpu, gpu or gpu:N");
    }

    @Override
    public String toString() {
        return gpu ? "gpu:" + ordinal : "cpu";
    }
}
