package io.voxtok.training.data;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.Json;
import java.util.Map;

/**
 * Where a batch stream stands: the next batch is batch {@code batch} (0-based) of epoch {@code epoch}. Together with
 * the {@link CropSpec} and the corpus it fully determines every following batch, so a trainer stores it in its
 * checkpoint and a resumed run continues with exactly the batches an uninterrupted run would have drawn.
 *
 * @param epoch epoch number, from 0
 * @param batch index of the next batch within the epoch, from 0
 */
public record SamplerPosition(int epoch, int batch) {
    /** The first batch of the first epoch. */
    public static final SamplerPosition START = new SamplerPosition(0, 0);

    /** Validates. */
    public SamplerPosition {
        if (epoch < 0 || batch < 0) {
            throw new IllegalArgumentException("bad sampler position epoch=" + epoch + " batch=" + batch);
        }
    }

    /** The position after this one, with {@code batchesPerEpoch} batches per epoch. */
    public SamplerPosition next(int batchesPerEpoch) {
        return batch + 1 >= batchesPerEpoch ? new SamplerPosition(epoch + 1, 0) : new SamplerPosition(epoch, batch + 1);
    }

    /** The position {@code steps} batches after {@link #START}. */
    public static SamplerPosition afterSteps(long steps, int batchesPerEpoch) {
        if (steps < 0 || batchesPerEpoch <= 0) {
            throw new IllegalArgumentException("bad steps " + steps + " or batches per epoch " + batchesPerEpoch);
        }
        return new SamplerPosition(Math.toIntExact(steps / batchesPerEpoch), (int) (steps % batchesPerEpoch));
    }

    /** {@code {"epoch": E, "batch": B}}. */
    public String toJson() {
        return "{\"epoch\": " + epoch + ", \"batch\": " + batch + "}";
    }

    /**
     * Parses {@link #toJson()}.
     *
     * @param source names the text in errors (a checkpoint file)
     * @throws VoxtokException USER_INPUT when it is not such an object
     */
    public static SamplerPosition parse(String json, String source) {
        return fromMap(Json.parseObject(json, source), source);
    }

    /** Reads the {@code epoch} and {@code batch} fields of a parsed JSON object. */
    public static SamplerPosition fromMap(Map<String, Object> o, String source) {
        if (!(o.get("epoch") instanceof Long e) || !(o.get("batch") instanceof Long b)) {
            throw VoxtokException.userInput(source + ": a sampler position needs integer fields 'epoch' and 'batch'");
        }
        try {
            return new SamplerPosition(Math.toIntExact(e), Math.toIntExact(b));
        } catch (ArithmeticException | IllegalArgumentException x) {
            throw VoxtokException.userInput(source + ": bad sampler position " + o);
        }
    }
}
