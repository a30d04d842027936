package io.voxtok.data.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import io.voxtok.api.audio.AudioBuffer;
import io.voxtok.api.bench.ProgressListener;
import io.voxtok.audio.AudioReader;
import io.voxtok.data.CorpusEntry;
import io.voxtok.data.ManifestDataset;
import io.voxtok.data.ManifestWriter;
import io.voxtok.data.PhoneAlignment;
import io.voxtok.data.Split;
import io.voxtok.modelio.AtomicFiles;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a multi-speaker English corpus offline with flite and festival: sentences from {@link SentenceGenerator},
 * speakers from {@link SpeakerPlan}, audio as 16 kHz 16-bit FLAC (encoded by sox) or WAV, and a
 * {@code manifest.jsonl} with text, speaker, phones and the synthesizer's phone alignment (see
 * {@link FliteSynthesizer}, {@link FestivalSynthesizer}).
 *
 * <p>Splits: sentences are split 80/10/10 by index (sentence {@code k} is test when {@code k % 10 == 0}, dev
 * when {@code k % 10 == 1}), so train, dev and test share no sentence; dev and test speakers are held out
 * ({@link SpeakerPlan}): their voices, and the people recorded for them, occur in no other split. Utterances are
 * 80/10/10 too.
 *
 * <p>Layout: {@code audio/<speaker>/<id>.flac}, {@code manifest.jsonl}, {@code corpus.json} (plan, sources,
 * licences). Every audio file is written to {@code .work/} and moved into place; each finished utterance is
 * appended to {@code .progress.jsonl}, so an interrupted build resumes where it stopped when run again with the
 * same options. The manifest is written atomically at the end and the progress log removed.
 */
public final class CorpusSynthesizer {
    /** Mean utterance length used to turn hours into an utterance count (measured: 1241 utterances, 20 speakers, 0.973 h). */
    public static final double MEAN_UTTERANCE_SECONDS = 2.82;
    /** At least this many distinct sentences are generated, whatever the corpus size. */
    public static final int MIN_SENTENCES = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(CorpusSynthesizer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExternalTool SOX = new ExternalTool("sox", "sox");

    private final SpeechSynthesizer synthesizer;

    /** A builder using flite and festival ({@link MultiEngineSynthesizer}). */
    public CorpusSynthesizer() {
        this(new MultiEngineSynthesizer());
    }

    /** A builder using the given synthesizer. */
    public CorpusSynthesizer(SpeechSynthesizer synthesizer) {
        this.synthesizer = synthesizer;
    }

    /** One planned utterance. */
    record Planned(String id, String text, VoiceSpec voice, Split split) {
    }

    /** The deterministic list of utterances for {@code o}. */
    static List<Planned> plan(CorpusSynthesisOptions o) {
        int total = Math.max(3, (int) Math.round(o.hours() * 3600 / MEAN_UTTERANCE_SECONDS));
        List<String> sentences = new SentenceGenerator(o.seed()).distinct(Math.max(MIN_SENTENCES, total + total / 4));
        Map<Split, List<String>> textBySplit = new HashMap<>();
        for (Split s : Split.values()) {
            textBySplit.put(s, new ArrayList<>());
        }
        for (int k = 0; k < sentences.size(); k++) {
            Split s = k % 10 == 0 ? Split.TEST : k % 10 == 1 ? Split.DEV : Split.TRAIN;
            textBySplit.get(s).add(sentences.get(k));
        }
        int test = Math.max(1, (int) Math.round(0.1 * total));
        int dev = Math.max(1, (int) Math.round(0.1 * total));
        Map<Split, Integer> counts = Map.of(Split.TRAIN, total - test - dev, Split.DEV, dev, Split.TEST, test);
        SpeakerPlan speakers = new SpeakerPlan(o.speakers());
        List<Planned> out = new ArrayList<>(total);
        for (Split s : Split.values()) {
            List<VoiceSpec> voices = speakers.speakers(s);
            List<String> texts = textBySplit.get(s);
            for (int j = 0; j < counts.get(s); j++) {
                VoiceSpec v = voices.get(j % voices.size());
                String id = String.format(Locale.ROOT, "%s_%s_%05d", v.speakerId(), s.label(), j);
                out.add(new Planned(id, texts.get(j % texts.size()), v, s));
            }
        }
        return out;
    }

    /**
     * Builds (or resumes) the corpus and returns the path of its manifest.
     *
     * @param progress told after every finished utterance, from worker threads (calls are serialised)
     * @throws VoxtokException ENVIRONMENT naming the Debian package when flite, festival, a festival voice or sox is
     *                         missing; USER_INPUT when
     *                         the folder holds a different corpus
     */
    public Path build(CorpusSynthesisOptions o, ProgressListener progress) {
        Path out = o.outputDir().toAbsolutePath().normalize();
        Path manifest = out.resolve("manifest.jsonl");
        List<Planned> plan = plan(o);
        synthesizer.checkAvailable(new SpeakerPlan(o.speakers()).speakers());
        if (o.flac()) {
            SOX.require();
        }
        String fingerprint = String.format(Locale.ROOT, "hours=%s speakers=%d flac=%b seed=%d generator=v1 voices=v2",
                o.hours(), o.speakers(), o.flac(), o.seed());
        Path info = out.resolve("corpus.json");
        try {
            Files.createDirectories(out.resolve(".work"));
            if (Files.exists(info)) {
                JsonNode old = JSON.readTree(info.toFile());
                if (!fingerprint.equals(old.path("plan").asText())) {
                    throw VoxtokException.userInput(out + " holds a corpus built with other options ("
                            + old.path("plan").asText() + "); choose an empty folder");
                }
                if (old.path("complete").asBoolean() && Files.isRegularFile(manifest)) {
                    LOG.info("corpus in {} is already complete", out);
                    progress.onProgress(plan.size(), plan.size());
                    return manifest;
                }
            }
            writeInfo(info, fingerprint, o, plan.size(), false);
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot prepare " + out + ": " + e.getMessage(), e);
        }

        Path log = out.resolve(".progress.jsonl");
        Map<String, CorpusEntry> done = readProgress(log, out);
        AtomicLong finished = new AtomicLong(done.size());
        progress.onProgress(finished.get(), plan.size());
        LOG.info("building {} utterances in {} ({} already done)", plan.size(), out, done.size());
        ExecutorService pool = Executors.newFixedThreadPool(o.workers());
        try (Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Planned p : plan) {
                if (done.containsKey(p.id())) {
                    continue;
                }
                futures.add(pool.submit(() -> {
                    CorpusEntry e = makeOne(p, out, o.flac());
                    synchronized (logWriter) {
                        writeLine(logWriter, ManifestWriter.toJsonLine(e, out));
                        done.put(e.id(), e);
                        progress.onProgress(finished.incrementAndGet(), plan.size());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            pool.shutdownNow();
            Throwable c = e.getCause();
            if (c instanceof VoxtokException v) {
                throw v;
            }
            throw new VoxtokException(ErrorKind.INTERNAL, "corpus synthesis failed: " + c, c);
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "corpus synthesis interrupted; run again to resume", e);
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot write " + log + ": " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        List<CorpusEntry> ordered = plan.stream().map(p -> done.get(p.id())).toList();
        ManifestWriter.write(manifest, ordered);
        try {
            writeInfo(info, fingerprint, o, plan.size(), true);
            Files.deleteIfExists(log);
            Files.deleteIfExists(out.resolve(".work"));
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot finish " + out + ": " + e.getMessage(), e);
        }
        return manifest;
    }

    private CorpusEntry makeOne(Planned p, Path out, boolean flac) throws IOException {
        Path work = out.resolve(".work");
        Path wav = work.resolve(p.id() + ".wav");
        Path dir = out.resolve("audio").resolve(p.voice().speakerId());
        Files.createDirectories(dir);
        Path target = dir.resolve(p.id() + (flac ? ".flac" : ".wav"));
        try {
            SynthesizedSpeech s = synthesizer.synthesize(p.text(), p.voice(), wav);
            AudioBuffer audio = AudioReader.read(wav);
            if (audio.sampleRate() != synthesizer.sampleRate() || audio.channels() != 1) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, "synthesizer wrote " + audio + " for " + p.id()
                        + ", expected mono " + synthesizer.sampleRate() + " Hz");
            }
            if (flac) {
                Path enc = work.resolve(p.id() + ".flac");
                SOX.run(List.of(wav.toString(), "-b", "16", "-C", "8", enc.toString()));
                AtomicFiles.moveInto(enc, target);
            } else {
                AtomicFiles.moveInto(wav, target);
            }
            // flite's diphone voice kal16 stops its waveform about 0.1 s into the final pause that -psdur reports.
            PhoneAlignment alignment = s.alignment().clippedTo(audio.seconds());
            return new CorpusEntry(p.id(), target, p.text(), p.voice().speakerId(), alignment.phones(),
                    Optional.of(alignment), OptionalDouble.of(audio.seconds()), p.split());
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    private static Map<String, CorpusEntry> readProgress(Path log, Path out) {
        Map<String, CorpusEntry> done = new java.util.concurrent.ConcurrentHashMap<>();
        if (!Files.isRegularFile(log)) {
            return done;
        }
        try (Stream<CorpusEntry> s = new ManifestDataset(log).entries()) {
            s.filter(e -> Files.isRegularFile(e.audioPath())).forEach(e -> done.put(e.id(), e));
        } catch (VoxtokException e) {
            // A build killed mid-line leaves a truncated last line; redo everything after it.
            LOG.warn("progress log {} is damaged ({}); resuming from {} entries", log, e.getMessage(), done.size());
        }
        return done;
    }

    private static void writeLine(Writer w, String line) {
        try {
            w.write(line);
            w.write('\n');
            w.flush();
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot append to the progress log: " + e.getMessage(), e);
        }
    }

    private void writeInfo(Path info, String fingerprint, CorpusSynthesisOptions o, int utterances, boolean complete) {
        ObjectNode n = JSON.createObjectNode();
        n.put("plan", fingerprint);
        n.put("complete", complete);
        n.put("utterances", utterances);
        n.put("speakers", o.speakers());
        n.put("sample_rate", synthesizer.sampleRate());
        n.put("format", o.flac() ? "flac 16-bit" : "wav 16-bit");
        n.put("synthesizer", synthesizer.description());
        n.put("text_source", "io.voxtok.data.synth.SentenceGenerator v1 (seed " + o.seed() + "): template grammar "
                + "and word lists written for Voxtok, no third-party text");
        n.put("licence", "sentences: written for Voxtok (no third-party text); synthesizers: flite 2.2 with its "
                + "voices kal16, awb, rms, slt (CMU/Edinburgh permissive licence, /usr/share/doc/libflite1/copyright) "
                + "and festival 2.5 (CSTR Edinburgh permissive licence, /usr/share/doc/festival/copyright) with the "
                + "Debian voices festvox-kdlpc16k (ked_diphone, CSTR 1997), festvox-kallpc16k (kal_diphone, Alan W "
                + "Black and Kevin Lenzo 1998) and festvox-us-slt-hts (cmu_us_slt_arctic_hts, CMU 2003, EST-2003 "
                + "licence, and NIT/Tokyo Tech BSD-3-clause files): all allow use, modification and redistribution, "
                + "including commercial, keeping the notices; the generated audio carries no further restriction");
        n.put("alignment", "the synthesizer's own segment end times: flite -psdur (1 ms resolution), festival "
                + "Segment relation item end (diphone voices: prosody durations; HTS: hts_engine 5 ms frames); CMU/radio "
                + "phone set; a final pause is clipped to, or (festival, <= 0.1 s) extended to, the audio length");
        n.put("splits", "sentences disjoint (k%10==0 test, k%10==1 dev); dev/test speakers held out: dev voices "
                + "(flite kal16, festival kal_diphone: speaker kal) and test voice (festival ked_diphone: speaker ked) "
                + "occur in no other split, nor do their recorded speakers");
        ObjectNode spk = n.putObject("voices");
        for (VoiceSpec v : new SpeakerPlan(o.speakers()).speakers()) {
            spk.put(v.speakerId(), String.format(Locale.ROOT,
                    "%s %s (recorded speaker %s) f0Mean=%.1f stretch=%.2f pitchCents=%.0f", v.engine(), v.voice(),
                    v.recordedSpeaker(), v.f0Mean(), v.durationStretch(), v.pitchCents()));
        }
        AtomicFiles.write(info, out -> JSON.writerWithDefaultPrettyPrinter().writeValue(out, n));
    }
}
