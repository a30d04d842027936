package io.voxtok.plugin.slmtokbench.alignment;

import io.voxtok.api.ComponentId;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.Utterance;
import io.voxtok.api.bench.Benchmark;
import io.voxtok.api.bench.BenchmarkReport;
import io.voxtok.api.bench.Metric;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.api.token.Tokenizer;
import io.voxtok.api.token.TokenizerSpec;
import io.voxtok.metrics.bench.BenchmarkResources;
import io.voxtok.metrics.bench.ProbeCorpus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SLMTokBench text alignment (SPEC 7.2) as a {@link Benchmark}: a BiLSTM-CTC probe ({@link TextAlignmentProbe}) is
 * trained from the subject's tokens to characters on the host's {@link ProbeCorpus} (train split; dev split for the
 * learning curve and weight selection) and evaluated on the benchmark's utterances (normally the test split):
 * <ul>
 *   <li>{@value #MI} (nats per utterance, and {@value #MI_BITS} in bits): the vCLUB estimate with
 *   {@code log q(y|x) = -CTC(probe(x), y)};</li>
 *   <li>{@value #PROBE_WER}, {@value #PROBE_CER}: greedy CTC decoding of the probe against the transcripts;</li>
 *   <li>the learning curve: {@value #TRAIN_LOSS} and {@value #DEV_LOSS} per epoch (parameter {@code epoch}), which
 *   the report plots.</li>
 * </ul>
 * Preset {@code small} (2 x 128 BiLSTM) or {@code paper} (2 x 1024) after the host's preset. Several token layers
 * (e.g. RVQ-1..8) are combined by summing one embedding per layer ({@link InputCombination#SUM}, the RVQ
 * convention; recorded in every metric). Not applicable (with the reason) without a probe corpus, without
 * transcripts, or for subjects above {@value #MAX_FRAME_RATE} frames per second (sample-level tokens such as
 * mu-law: a BiLSTM over 16 000 steps per second is outside this probe's design).
 */
public final class TextAlignmentBenchmark implements Benchmark {
    /** Definition version of this benchmark's metric set. */
    public static final String VERSION = "1";
    /** Mutual information in nats per utterance. */
    public static final String MI = "mutual_information";
    /** Mutual information in bits per utterance. */
    public static final String MI_BITS = "mutual_information_bits";
    /** Probe WER. */
    public static final String PROBE_WER = "probe_wer";
    /** Probe CER. */
    public static final String PROBE_CER = "probe_cer";
    /** Training loss per epoch. */
    public static final String TRAIN_LOSS = "probe_train_loss";
    /** Dev loss per epoch. */
    public static final String DEV_LOSS = "probe_dev_loss";
    /** Highest token frame rate the probe accepts. */
    public static final double MAX_FRAME_RATE = 200;
    private final ComponentId id;
    private final BenchmarkResources resources;
    private final ProbePreset preset;

    /**
     * @param id        the component id
     * @param resources the host's resources (probe corpus, seed)
     * @param preset    probe settings
     */
    public TextAlignmentBenchmark(ComponentId id, BenchmarkResources resources, ProbePreset preset) {
        this.id = id;
        this.resources = resources;
        this.preset = preset;
    }

    @Override
    public ComponentId id() {
        return id;
    }

    @Override
    public void close() {
        // each run's probe holds its native memory only while it runs
    }

    @Override
    public BenchmarkReport run(Tokenizer subject, Iterable<Utterance> corpus, ProgressListener progress) {
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("benchmark_version", VERSION);
        TokenizerSpec spec = subject.spec();
        double frameRate = spec.frameRate();
        String why = null;
        if (resources.probeCorpus().isEmpty()) {
            why = "the host offers no training/dev utterances for the probe";
        } else if (frameRate > MAX_FRAME_RATE) {
            why = String.format(Locale.ROOT, "%.0f token frames per second; the BiLSTM-CTC probe takes at most %.0f",
                    frameRate, MAX_FRAME_RATE);
        }
        if (why != null) {
            prov.put("not_applicable", why);
            return new BenchmarkReport(id.name(), subject.id().toString(), List.of(), prov);
        }
        ProbeCorpus pc = resources.probeCorpus().get();
        ProbeData test = encode(subject, corpus);
        ProbeData train = encode(subject, pc.train(spec.sampleRate(), spec.channels()));
        ProbeData dev = encode(subject, pc.dev(spec.sampleRate(), spec.channels()));
        if (test.size() == 0 || train.size() == 0 || dev.size() == 0) {
            prov.put("not_applicable", "needs transcribed utterances in train, dev and test; have " + train.size()
                    + ", " + dev.size() + " and " + test.size());
            return new BenchmarkReport(id.name(), subject.id().toString(), List.of(), prov);
        }
        java.util.Optional<java.nio.file.Path> checkpoints = resources.workDirectory().map(w -> w.resolve(id.name())
                .resolve(runKey(train, dev, test)));
        checkpoints.ifPresent(c -> prov.put("checkpoints", c.toAbsolutePath().normalize().toString()));
        TextAlignmentResult r = TextAlignmentProbe.run(train, dev, test, preset, resources.seed(), progress,
                checkpoints);
        String combination = r.codebookLayers() == 1 ? "single layer (one embedding table)"
                : switch (preset.combination()) {
                    case SUM -> "sum of one embedding per layer (" + r.codebookLayers() + " layers)";
                    case CONCAT -> "concatenation of one embedding per layer (" + r.codebookLayers() + " layers)";
                };
        Map<String, String> p = new LinkedHashMap<>();
        p.put("preset", preset.name());
        p.put("probe", preset.lstmLayers() + "x" + preset.hiddenSize() + " BiLSTM, embedding " + preset.embeddingSize()
                + ", " + r.parameters() + " parameters");
        p.put("input_combination", combination);
        p.put("train_dev_test", r.trainUtterances() + "/" + dev.size() + "/" + test.size());
        p.put("best_epoch", r.bestEpoch() + " of " + r.epochs());
        Map<String, String> miParams = new LinkedHashMap<>(p);
        miParams.put("estimator", "vCLUB, log q(y|x) = -CTC(probe(x), y); " + r.mutualInformation().negativePairs()
                + " negative pairs");
        List<Metric> out = new ArrayList<>();
        out.add(new Metric(MI, r.mutualInformation().nats(), "nats/utterance", true, VERSION, miParams));
        out.add(new Metric(MI_BITS, r.mutualInformation().bits(), "bits/utterance", true, VERSION, miParams));
        out.add(new Metric(PROBE_WER, r.probeWer(), "fraction", false, VERSION, p));
        out.add(new Metric(PROBE_CER, r.probeCer(), "fraction", false, VERSION, p));
        for (EpochLosses e : r.curve()) {
            out.add(new Metric(TRAIN_LOSS, e.trainLoss(), "nats/char", false, VERSION, Map.of("epoch", "" + e.epoch())));
            out.add(new Metric(DEV_LOSS, e.devLoss(), "nats/char", false, VERSION, Map.of("epoch", "" + e.epoch())));
        }
        prov.put("preset", preset.toString());
        prov.put("input_combination", combination);
        prov.put("probe_corpus", pc.description());
        prov.put("characters", r.characters());
        prov.put("skipped_train", "" + r.skippedTrain());
        prov.put("vclub_items", "" + r.mutualInformation().items());
        prov.put("vclub_infeasible_pairs", "" + r.mutualInformation().infeasiblePairs());
        prov.put("wall_seconds", String.format(Locale.ROOT, "%.1f", r.wallSeconds()));
        return new BenchmarkReport(id.name(), subject.id().toString(), out, prov);
    }

    /**
     * Names a probe run's checkpoint folder: SHA-256 (first 16 hex digits) of every token and transcript of the three
     * splits, the preset (its number of epochs aside: a longer run continues a shorter one) and the seed.
     */
    String runKey(ProbeData train, ProbeData dev, ProbeData test) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4);
            for (ProbeData d : List.of(train, dev, test)) {
                for (ProbeUtterance u : d.utterances()) {
                    md.update(u.transcript().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    for (int[] frame : u.tokens()) {
                        for (int v : frame) {
                            md.update(b.clear().putInt(v).array());
                        }
                    }
                }
                md.update((byte) '|');
            }
            String settings = preset.withEpochs(1) + "|" + resources.seed();
            md.update(settings.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The transcribed utterances' tokens, frame-major. */
    static ProbeData encode(Tokenizer subject, Iterable<Utterance> utterances) {
        List<ProbeUtterance> out = new ArrayList<>();
        for (Utterance u : utterances) {
            if (u.transcript().isEmpty() || u.transcript().get().isBlank()) {
                continue;
            }
            TokenMatrix m = subject.encode(u.audio());
            int[][] codes = m.itemCodes(0);
            int frames = codes.length == 0 ? 0 : codes[0].length;
            if (frames == 0) {
                throw VoxtokException.userInput("utterance " + u.id() + " gave no token frames");
            }
            int[][] tokens = new int[frames][codes.length];
            for (int l = 0; l < codes.length; l++) {
                for (int f = 0; f < frames; f++) {
                    tokens[f][l] = codes[l][f];
                }
            }
            out.add(new ProbeUtterance(u.id(), tokens, u.transcript().get()));
        }
        return new ProbeData(out);
    }
}
