package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.VoxtokException;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.DType;
import io.voxtok.modelio.Json;
import io.voxtok.modelio.LoadedValues;
import io.voxtok.modelio.SafetensorsWriter;
import io.voxtok.modelio.StateDict;
import io.voxtok.modelio.Tensor;
import io.voxtok.training.optim.AdamState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The state of a text-alignment probe after each epoch, kept in a directory so that an interrupted run continues at
 * the next epoch: {@code epoch-NNNN/} with {@code params.safetensors} (the weights), {@code best.safetensors} (the
 * lowest-dev-loss weights so far), {@code adam.safetensors} (the optimiser moments and steps) and {@code state.json}
 * (epoch, best epoch and dev loss, learning curve). Each epoch's folder is written beside the others and moved into
 * place, then older ones are deleted, so the directory always holds a complete epoch. The shuffling order is not
 * stored: it is replayed from the seed. Not thread-safe; one run per directory.
 */
final class ProbeCheckpoints {
    private static final String PREFIX = "epoch-";
    private final Path dir;

    /** One saved epoch. */
    record Saved(int epoch, Map<String, float[]> params, Map<String, float[]> best, int bestEpoch, double bestDev,
                 List<EpochLosses> curve, AdamState adam) {
    }

    ProbeCheckpoints(Path dir) {
        this.dir = dir;
    }

    /** The directory. */
    Path directory() {
        return dir;
    }

    /** The latest complete epoch, if any. */
    Optional<Saved> latest() {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Optional<Path> last;
        try (Stream<Path> s = Files.list(dir)) {
            last = s.filter(p -> p.getFileName().toString().startsWith(PREFIX))
                    .filter(p -> Files.isRegularFile(p.resolve("state.json")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot read probe checkpoints in " + dir + ": " + e.getMessage());
        }
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Path d = last.get();
        try {
            Map<String, Object> state = Json.readObject(d.resolve("state.json"));
            List<EpochLosses> curve = new ArrayList<>();
            for (Object o : (List<?>) state.get("curve")) {
                Map<?, ?> e = (Map<?, ?>) o;
                curve.add(new EpochLosses(((Number) e.get("epoch")).intValue(), num(e.get("train_loss")),
                        num(e.get("dev_loss")), num(e.get("seconds"))));
            }
            Map<String, float[]> best = Files.isRegularFile(d.resolve("best.safetensors"))
                    ? floats(StateDict.read(d.resolve("best.safetensors"))) : null;
            Map<String, Tensor> adam = new LinkedHashMap<>();
            StateDict a = StateDict.read(d.resolve("adam.safetensors"));
            for (String k : a.keys()) {
                Tensor t = a.get(k);
                if (!k.endsWith(".step")) {
                    // NaN moments would make every later update NaN: the resumed probe would train on garbage
                    LoadedValues.requireFinite(t.toFloatArray(), a.source(), "key '" + k + "'");
                }
                adam.put(k, t);
            }
            Object bestDev = state.get("best_dev");
            return Optional.of(new Saved(((Number) state.get("epoch")).intValue(),
                    floats(StateDict.read(d.resolve("params.safetensors"))), best,
                    ((Number) state.get("best_epoch")).intValue(),
                    bestDev == null ? Double.POSITIVE_INFINITY : num(bestDev), curve, AdamState.fromTensors(adam)));
        } catch (RuntimeException e) {
            throw VoxtokException.userInput("probe checkpoint " + d + " is unreadable (" + e.getMessage()
                    + "); delete it to start the probe again");
        }
    }

    /** Saves an epoch and removes the older ones. */
    void save(int epoch, Map<String, float[]> params, Map<String, long[]> shapes, Map<String, float[]> best,
              int bestEpoch, double bestDev, List<EpochLosses> curve, AdamState adam) {
        Path target = dir.resolve(String.format("%s%04d", PREFIX, epoch));
        try {
            Files.createDirectories(dir);
            Path staging = Files.createTempDirectory(dir, ".staging-");
            SafetensorsWriter.write(staging.resolve("params.safetensors"), tensors(params, shapes));
            if (best != null) {
                SafetensorsWriter.write(staging.resolve("best.safetensors"), tensors(best, shapes));
            }
            SafetensorsWriter.write(staging.resolve("adam.safetensors"), adam.toTensors());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("epoch", epoch);
            state.put("best_epoch", bestEpoch);
            state.put("best_dev", Double.isFinite(bestDev) ? bestDev : null);
            List<Map<String, Object>> c = new ArrayList<>();
            for (EpochLosses e : curve) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", e.epoch());
                m.put("train_loss", e.trainLoss());
                m.put("dev_loss", Double.isFinite(e.devLoss()) ? e.devLoss() : null);
                m.put("seconds", e.seconds());
                c.add(m);
            }
            state.put("curve", c);
            AtomicFiles.writeString(staging.resolve("state.json"), Json.write(state));
            deleteTree(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && !p.equals(target))
                        .toList()) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot write probe checkpoint " + target + ": " + e.getMessage());
        }
    }

    /** Deletes every saved epoch (a checkpoint from a longer run than the current one cannot be continued). */
    void clear() {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            throw VoxtokException.userInput("cannot delete probe checkpoints " + dir + ": " + e.getMessage());
        }
    }

    private static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    /** The weights of a saved state dict, each a finite floating-point tensor (refused naming the file and key). */
    private static Map<String, float[]> floats(StateDict d) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String k : d.keys()) {
            Tensor t = d.get(k);
            if (t.dtype() != DType.FLOAT32 && t.dtype() != DType.FLOAT64) {
                throw VoxtokException.userInput(d.source() + ": key '" + k + "' has dtype " + t.dtype()
                        + " where float32 weights are required");
            }
            float[] values = t.toFloatArray();
            LoadedValues.requireFinite(values, d.source(), "key '" + k + "'");
            out.put(k, values);
        }
        return out;
    }

    private static Map<String, Tensor> tensors(Map<String, float[]> values, Map<String, long[]> shapes) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Tensor.ofFloats(v, shapes.get(k))));
        return out;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
