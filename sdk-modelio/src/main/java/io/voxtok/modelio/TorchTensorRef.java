package io.voxtok.modelio;

import io.voxtok.api.VoxtokException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A tensor as {@code torch._utils._rebuild_tensor_v2} describes it: a view (offset, sizes, strides, in elements) into
 * a storage. {@link #materialise} turns it into a dense row-major {@link Tensor}.
 */
record TorchTensorRef(TorchStorageRef storage, long offset, long[] size, long[] stride) {

    /**
     * Dense row-major data of this view.
     *
     * @param storageBytes little-endian bytes of the whole storage
     * @param key          the tensor's name, for error messages
     * @param file         the checkpoint, for error messages
     */
    Tensor materialise(ByteBuffer storageBytes, String key, Path file) {
        long numel = check(storageBytes, key, file);
        DType dtype = storage.dtype();
        int es = dtype.bytes();
        if (numel == 0) {
            return new Tensor(dtype, size, ByteBuffer.allocate(0));
        }
        ByteBuffer src = storageBytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (isContiguous()) {
            // A contiguous view shares the storage bytes instead of copying them.
            int from = Math.toIntExact(offset * es);
            ByteBuffer slice = src.position(from).limit(Math.toIntExact(from + numel * es)).slice();
            return new Tensor(dtype, size, slice);
        }
        return new Tensor(dtype, size, copyStrided(src, es, (int) numel));
    }

    /**
     * Checks that the view fits its storage and one Java buffer, without copying anything.
     *
     * @return the number of elements of the view
     * @throws VoxtokException USER_INPUT naming the key and the file when it does not
     */
    long check(ByteBuffer storageBytes, String key, Path file) {
        DType dtype = storage.dtype();
        int es = dtype.bytes();
        long numel = 1;
        long maxIndex = offset;
        for (int d = 0; d < size.length; d++) {
            if (size[d] < 0 || stride[d] < 0) {
                throw bad(key, file, "negative size or stride");
            }
            numel = Math.multiplyExact(numel, size[d]);
            if (size[d] > 0) {
                maxIndex = Math.addExact(maxIndex, Math.multiplyExact(size[d] - 1, stride[d]));
            }
        }
        if (numel == 0) {
            return 0;
        }
        long storageElements = storageBytes.remaining() / es;
        if (offset < 0 || maxIndex >= storageElements || maxIndex >= storage.numel()) {
            throw bad(key, file, "the view reaches element " + maxIndex + " but its storage holds "
                    + Math.min(storageElements, storage.numel()));
        }
        if (Math.multiplyExact(numel, (long) es) > Integer.MAX_VALUE) {
            throw bad(key, file, "it is larger than 2 GiB, which one Java buffer cannot hold");
        }
        return numel;
    }

    /** True when the strides are the row-major ones (dimensions of size 1 may have any stride). */
    boolean isContiguous() {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    private ByteBuffer copyStrided(ByteBuffer src, int es, int numel) {
        byte[] out = new byte[numel * es];
        int rank = size.length;
        long[] index = new long[rank];
        // Copy whole innermost rows at once when they are contiguous in the storage.
        boolean innerRun = rank > 0 && stride[rank - 1] == 1;
        int runLength = innerRun ? (int) size[rank - 1] : 1;
        int outerDims = innerRun ? rank - 1 : rank;
        int written = 0;
        while (written < out.length) {
            long element = offset;
            for (int d = 0; d < outerDims; d++) {
                element += index[d] * stride[d];
            }
            if (innerRun) {
                src.get(Math.toIntExact(element * es), out, written, runLength * es);
                written += runLength * es;
            } else {
                src.get(Math.toIntExact(element * es), out, written, es);
                written += es;
            }
            for (int d = outerDims - 1; d >= 0; d--) {
                if (++index[d] < size[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return ByteBuffer.wrap(out);
    }

    private VoxtokException bad(String key, Path file, String problem) {
        return VoxtokException.userInput("tensor '" + key + "' in " + file + " (shape " + Arrays.toString(size)
                + ", strides " + Arrays.toString(stride) + ", offset " + offset + ") is invalid: " + problem);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "TorchTensorRef[" + storage + " offset " + offset + " size " + Arrays.toString(size) + "]";
    }
}
