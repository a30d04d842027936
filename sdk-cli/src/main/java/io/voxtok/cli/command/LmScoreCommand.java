package io.voxtok.cli.command;

import io.voxtok.api.ComponentConfig;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.lm.LanguageModel;
import io.voxtok.api.lm.TeacherForcedScore;
import io.voxtok.cli.support.LanguageModelSelection;
import io.voxtok.cli.support.RuntimeOptions;
import io.voxtok.data.Split;
import io.voxtok.data.lm.LmTokenCorpus;
import io.voxtok.data.lm.LmTokenEntry;
import io.voxtok.modelio.AtomicFiles;
import io.voxtok.modelio.Json;
import io.voxtok.runtime.VoxtokRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code voxtok lm score}: teacher-forced loss and top-10 accuracy of a language model on one split of a token
 * corpus ({@code voxtok lm prepare}), utterance by utterance through {@link LanguageModel#scoreTeacherForced}, as
 * JSON on standard output (and in {@code -o FILE}). Losses are nats per code frame; {@code loss} is the counterpart
 * of the official {@code train_stage 0} loss with every NAR stage scored.
 */
@Command(name = "score", description = {"Teacher-forced loss and top-10 accuracy of a language model on a token"
        + " corpus split (JSON).", "Losses are nats per code frame: AR (RVQ-1 and the final EOS), NAR RVQ-2, NAR"
        + " RVQ-3..8 (all stages), and loss = (AR + NAR RVQ-2 + NAR RVQ-3..8) / 2."})
public final class LmScoreCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(LmScoreCommand.class);

    @Mixin
    RuntimeOptions runtime;

    @Option(names = {"-l", "--lm"}, paramLabel = "NAME",
            description = "language model (uslm or valle); default: the model's model_class")
    String lm;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "DIR|NAME",
            description = "model directory or shipped model name (e.g. uslm-small)")
    Path model;

    @Option(names = "--tokens", required = true, paramLabel = "DIR", description = "token corpus from 'voxtok lm prepare'")
    Path tokens;

    @Option(names = "--split", defaultValue = "dev", paramLabel = "SPLIT", description = "train, dev or test (default dev)")
    String split;

    @Option(names = "--max-items", paramLabel = "N", description = "score only the first N utterances of the split")
    Integer maxItems;

    @Option(names = {"-O", "--option"}, paramLabel = "KEY=VALUE", description = "model option (repeatable)")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "also write the JSON here (atomically)")
    Path output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (maxItems != null && maxItems < 1) {
            throw new IllegalArgumentException("--max-items must be >= 1, got " + maxItems);
        }
        Split s = Split.parse(split);
        LmTokenCorpus corpus = LmTokenCorpus.open(tokens);
        List<LmTokenEntry> entries = corpus.entries(s);
        if (entries.isEmpty()) {
            throw VoxtokException.userInput(corpus.folder() + " has no " + split + " utterances");
        }
        if (maxItems != null && maxItems < entries.size()) {
            entries = entries.subList(0, maxItems);
        }
        Path dir = RuntimeOptions.resolveModel(model);
        String name = LanguageModelSelection.of(lm, dir);
        int layers = corpus.manifest().layers();
        long t0 = System.nanoTime();
        TeacherForcedScore total;
        String tokenizer;
        try (VoxtokRuntime rt = runtime.start()) {
            LanguageModel m = rt.createLanguageModel(name, new ComponentConfig(options, Optional.of(dir)));
            if (!m.supportsScoring()) {
                throw VoxtokException.userInput(name + " cannot score token sequences");
            }
            tokenizer = m.spec().tokenizer();
            if (!tokenizer.equals(corpus.manifest().tokenizer())) {
                LOG.warn("the model reads {} codes, the corpus holds {} codes", tokenizer, corpus.manifest().tokenizer());
            }
            total = null;
            for (LmTokenEntry e : entries) {
                int[] flat = corpus.codes(e);
                int[][] codes = new int[e.frames()][layers];
                for (int t = 0; t < e.frames(); t++) {
                    System.arraycopy(flat, t * layers, codes[t], 0, layers);
                }
                long[] ids = new long[e.textIds().length];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = e.textIds()[i];
                }
                TeacherForcedScore one;
                try {
                    one = m.scoreTeacherForced(ids, codes);
                } catch (VoxtokException x) {
                    throw VoxtokException.userInput(e.codesFile() + " (utterance " + e.id() + "): " + x.getMessage());
                }
                total = total == null ? one : total.plus(one);
            }
        }
        Map<String, Object> out = report(total, dir, name, tokenizer, corpus, split, (System.nanoTime() - t0) / 1e9);
        String json = Json.write(out);
        if (output != null) {
            AtomicFiles.writeString(output, json + "\n");
        }
        spec.commandLine().getOut().println(json);
        spec.commandLine().getOut().flush();
        return 0;
    }

    static Map<String, Object> report(TeacherForcedScore s, Path model, String lm, String tokenizer,
                                      LmTokenCorpus corpus, String split, double seconds) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model.toString());
        o.put("lm", lm);
        o.put("model_tokenizer", tokenizer);
        o.put("tokens", corpus.folder().toString());
        o.put("corpus_tokenizer", corpus.manifest().tokenizer());
        o.put("split", split);
        o.put("utterances", s.utterances());
        o.put("frames", s.frames());
        o.put("loss", s.lossPerFrame());
        o.put("ar_loss", s.arLossPerFrame());
        o.put("ar_top10_accuracy", s.arAccuracy());
        o.put("nar_l2_loss", s.narLossPerFrame(1));
        o.put("nar_l2_top10_accuracy", s.narAccuracy(1));
        o.put("nar_l3_8_loss", s.narLossPerFrame(2, s.narStages()));
        o.put("nar_l3_8_top10_accuracy", s.narAccuracy(2, s.narStages()));
        List<Double> stageLoss = new ArrayList<>();
        List<Double> stageAcc = new ArrayList<>();
        for (int st = 1; st <= s.narStages(); st++) {
            stageLoss.add(s.narLossPerFrame(st));
            stageAcc.add(s.narAccuracy(st));
        }
        o.put("nar_stage_loss", stageLoss);
        o.put("nar_stage_top10_accuracy", stageAcc);
        o.put("seconds", seconds);
        return o;
    }
}
