package io.voxtok.bench.subject;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.teacher.FeatureSequence;
import io.voxtok.api.teacher.LayerSelection;
import io.voxtok.api.teacher.Teacher;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.bench.corpus.BenchCorpus;
import io.voxtok.bench.run.EtaProgress;
import io.voxtok.modelio.Json;
import io.voxtok.runtime.VoxtokRuntime;
import io.voxtok.runtime.model.ModelCatalog;
import io.voxtok.runtime.registry.FactoryKind;
import io.voxtok.units.Centroids;
import io.voxtok.units.KMeans;
import io.voxtok.units.KMeansResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns {@link SubjectSpec}s into tokenizers in a runtime: tokenizers by name, models by name (shipped or under
 * {@code VOXTOK_MODELS}) or path with the tokenizer read from their {@code config.json}, and k-means units of a
 * teacher, whose centroids are fitted once on the corpus' training split and cached.
 */
public final class SubjectFactory {
    /** How k-means units of the phone teacher are named in reports: what they stand in for, and how they differ. */
    static final String HUBERT_STAND_IN = "; the HuBERT-style units row of SLMTokBench, but NOT HuBERT: no HuBERT"
            + " weights are available here, and the phone teacher is a supervised phone classifier (not"
            + " self-supervised), so its units are expected to carry more phonetic content than HuBERT KM units";
    private final VoxtokRuntime runtime;
    private final ModelCatalog catalog;
    private final BenchCorpus corpus;
    private final Path cacheRoot;
    private final int unitsK;
    private final int unitsTrain;
    private final long seed;
    private final PrintWriter log;

    /**
     * @param runtime   where components are created (it owns them)
     * @param catalog   named models
     * @param corpus    the corpus (its training split fits k-means units)
     * @param cacheRoot where fitted centroids are kept
     * @param unitsK    clusters of k-means units
     * @param unitsTrain most train-split utterances k-means is fitted on (in turn from each speaker)
     * @param seed      k-means seed
     * @param log       progress output
     */
    public SubjectFactory(VoxtokRuntime runtime, ModelCatalog catalog, BenchCorpus corpus, Path cacheRoot, int unitsK,
                          int unitsTrain, long seed, PrintWriter log) {
        this.runtime = runtime;
        this.catalog = catalog;
        this.corpus = corpus;
        this.cacheRoot = cacheRoot;
        this.unitsK = unitsK;
        this.unitsTrain = unitsTrain;
        this.seed = seed;
        this.log = log;
    }

    /** Opens a subject. */
    public OpenedSubject open(SubjectSpec s) {
        return s.units() ? openUnits(s) : openTokenizer(s);
    }

    private OpenedSubject openTokenizer(SubjectSpec s) {
        String tokName;
        Optional<Path> model = Optional.empty();
        int eq = s.name().indexOf('=');
        if (eq > 0) {
            tokName = s.name().substring(0, eq);
            model = Optional.of(catalog.resolve(Path.of(s.name().substring(eq + 1))));
        } else if (runtime.registry().find(FactoryKind.TOKENIZER, s.name()).isPresent()) {
            tokName = s.name();
        } else {
            Path dir = catalog.resolve(Path.of(s.name()));
            if (!Files.isDirectory(dir)) {
                throw VoxtokException.userInput("--subject " + s.text() + ": '" + s.name() + "' is neither a loaded"
                        + " tokenizer nor a model (known models: " + catalog.names() + "; see 'voxtok plugins')");
            }
            tokName = tokenizerOf(dir, s);
            model = Optional.of(dir);
        }
        Tokenizer t = runtime.createTokenizer(tokName, new ComponentConfig(Map.of(), model));
        Map<String, String> inputs = model.map(FileHashes::ofModel).orElse(Map.of());
        String layers = s.layers().map(r -> "RVQ-" + (r.start() + 1) + ".." + r.end()).orElse("all layers");
        if (s.layers().isPresent()) {
            t = new LayerSelectedTokenizer(t, s.layers().get());
        }
        String desc = "tokenizer " + t.id() + model.map(m -> ", model " + m.getFileName()).orElse("") + ", " + layers;
        String fp = FileHashes.sha256(t.id() + "|" + t.producer() + "|" + inputs + "|" + layers);
        return new OpenedSubject(s, t, desc, fp, inputs);
    }

    /** The tokenizer that reads a model folder, from its config.json. */
    static String tokenizerOf(Path dir, SubjectSpec s) {
        Path cfg = dir.resolve("config.json");
        if (!Files.isRegularFile(cfg)) {
            throw VoxtokException.userInput(dir + ": no config.json; write --subject TOKENIZER=" + dir);
        }
        Map<String, Object> c = Json.readObject(cfg);
        Object type = c.get("model_type");
        if (type instanceof String t && (t.contains("teacher") || t.contains("hubert"))) {
            throw VoxtokException.userInput(cfg + ": is a teacher (" + t + "); benchmark its k-means units with"
                    + " --subject units:" + s.name());
        }
        if (c.containsKey("semantic_dimension") && c.containsKey("n_q")) {
            return "speechtokenizer";
        }
        throw VoxtokException.userInput(cfg + ": cannot tell which tokenizer reads this model; write --subject"
                + " TOKENIZER=" + s.name());
    }

    private OpenedSubject openUnits(SubjectSpec s) {
        Path dir = catalog.resolve(Path.of(s.name()));
        Path cfg = dir.resolve("config.json");
        if (!Files.isRegularFile(cfg)) {
            throw VoxtokException.userInput("--subject " + s.text() + ": " + dir + " has no config.json");
        }
        Map<String, Object> c = Json.readObject(cfg);
        String teacherName = "voxtok-phone-teacher".equals(c.get("model_type")) ? "phone-teacher" : "hubert";
        String layerText = s.teacherLayer().orElse(c.get("recommended_layer") instanceof Number n
                ? Integer.toString(n.intValue()) : "avg");
        LayerSelection layer;
        try {
            layer = LayerSelection.parse(layerText);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--subject " + s.text() + ": layer must be a number or avg");
        }
        Teacher teacher = runtime.createTeacher(teacherName, ComponentConfig.ofModel(dir));
        Map<String, String> inputs = new LinkedHashMap<>(FileHashes.ofModel(dir));
        String weights = FileHashes.sha256(inputs.toString());
        Path file = cacheRoot.resolve("units").resolve(s.slug() + "-L" + layerText + "-k" + unitsK + "-n" + unitsTrain
                + "-s" + seed + "-"
                + weights.substring(0, 12) + ".npy");
        Centroids centroids;
        if (Files.isRegularFile(file)) {
            centroids = Centroids.load(file);
            log.println("  k-means units: reusing " + file);
        } else {
            centroids = fit(teacher, layer, file, s);
        }
        inputs.put(file.toAbsolutePath().normalize().toString(), FileHashes.sha256(file));
        String hash = FileHashes.sha256(weights + "|" + layerText + "|" + FileHashes.sha256(file));
        Tokenizer t = new TeacherUnitsTokenizer(teacher, layer, centroids, hash.substring(0, 16));
        String desc = "k-means units (k=" + unitsK + ", seed " + seed + ", fitted on at most " + unitsTrain
                + " utterances of the corpus' train split) of "
                + "teacher " + teacherName + " (model " + dir.getFileName() + "), hidden state " + layerText
                + (teacherName.equals("phone-teacher") ? HUBERT_STAND_IN : "");
        return new OpenedSubject(s, t, desc, hash, inputs);
    }

    private Centroids fit(Teacher teacher, LayerSelection layer, Path file, SubjectSpec s) {
        List<Utterance> train = BenchCorpus.load(corpus.splitEntries("train", unitsTrain),
                teacher.spec().sampleRate(), 1);
        if (train.isEmpty()) {
            throw VoxtokException.userInput(corpus.manifest() + ": no train split to fit k-means units on");
        }
        List<FeatureSequence> feats = new ArrayList<>();
        EtaProgress p = new EtaProgress(log, "teacher features for k-means (" + s.text() + ")");
        for (Utterance u : train) {
            feats.add(teacher.represent(u.audio(), layer));
            p.onProgress(feats.size(), train.size());
        }
        KMeansResult r = KMeans.builder().k(unitsK).seed(seed).maxIterations(100).build()
                .fit(feats, new EtaProgress(log, "k-means (" + s.text() + ")"));
        r.centroids().save(file);
        return r.centroids();
    }
}
