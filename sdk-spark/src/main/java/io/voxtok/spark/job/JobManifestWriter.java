package io.voxtok.spark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code OUT/manifest.json}, last, from the commit markers of every shard (this run's and earlier runs'):
 * counts, durations and failures of the whole output, and what this run did.
 */
final class JobManifestWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JobManifestWriter() {
    }

    static JobOutcome write(OutputLayout out, JobDescriptor job, OutputDescription what, ShardPlan plan, double runAudioSeconds,
                            double runSeconds, int shardsRun, int shardsSkipped, String master) throws IOException {
        List<Map<String, Object>> shards = new ArrayList<>();
        List<FailedItem> failed = new ArrayList<>();
        long utterances = 0;
        long failures = 0;
        long frames = 0;
        double audio = 0;
        int complete = 0;
        for (ShardTask t : plan.shards()) {
            String text = out.readString(out.marker(t.name()));
            if (text == null) {
                continue;
            }
            ShardResult r = JSON.readValue(text, ShardResult.class);
            complete++;
            utterances += r.utterances();
            failures += r.failures();
            frames += r.frames();
            audio += r.audioSeconds();
            failed.addAll(r.failedItems());
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("shard", r.shard());
            s.put(job.kind(), job.kind() + "/" + t.name() + ".parquet");
            s.put("failures_file", "failures/" + t.name() + ".parquet");
            s.put("utterances", r.utterances());
            s.put("failures", r.failures());
            s.put("audio_seconds", r.audioSeconds());
            s.put("frames", r.frames());
            s.put("task_seconds", r.seconds());
            shards.add(s);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", JobDescriptor.FORMAT);
        m.put("complete", complete == plan.shards().size());
        m.put("input", job.input());
        m.put("layout", job.layout());
        m.put("kind", job.kind());
        m.put(job.kind().equals("tokens") ? "tokenizer" : "teacher", job.component());
        m.put("producer", job.producer());
        m.put("weights_hash", job.weightsHash());
        m.put("model", job.model());
        m.put("settings", job.settings());
        m.putAll(what.format());
        m.put("shard_size", plan.shardSize());
        m.put("shards", plan.shards().size());
        m.put("shards_committed", complete);
        m.put("utterances_listed", plan.items());
        m.put("utterances", utterances);
        m.put("failures", failures);
        m.put("audio_seconds", audio);
        m.put("audio_hours", audio / 3600);
        m.put("frames", frames);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("master", master);
        run.put("shards_run", shardsRun);
        run.put("shards_skipped", shardsSkipped);
        run.put("audio_seconds", runAudioSeconds);
        run.put("wall_seconds", runSeconds);
        run.put("audio_hours_per_hour", runSeconds > 0 ? runAudioSeconds / runSeconds : 0);
        m.put("last_run", run);
        m.put("shard_list", shards);
        m.put("failed_items", failed);
        out.writeStringAtomically(out.resolve("manifest.json"), JSON.writeValueAsString(m));
        return new JobOutcome(out.uri().toString(), plan.shards().size(), shardsRun, shardsSkipped, utterances, failures,
                audio, runAudioSeconds, runSeconds);
    }
}
