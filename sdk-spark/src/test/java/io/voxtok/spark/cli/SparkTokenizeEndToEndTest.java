package io.voxtok.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.voxtok.api.token.TokenMatrix;
import io.voxtok.runtime.token.TokenFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code voxtok spark tokenize} end to end on held-out bundled speech with the shipped {@code speechtokenizer-small}:
 * codes equal {@code voxtok encode}'s, a file that is not audio lands in the failures table, and a re-run after a
 * crash or a kill tokenizes only the shards that were not committed.
 */
class SparkTokenizeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "speechtokenizer-small";
    @TempDir
    static Path dir;
    static Path corpus;
    static Path encoded;
    static List<Path> good = new ArrayList<>();
    static Path broken;

    @BeforeAll
    static void corpusAndReferenceTokens() throws IOException {
        Cli.requirePackagedSpeechTokenizer();
        corpus = dir.resolve("corpus");
        for (String speaker : List.of("ked_v0", "ked_v1")) {
            Path src = Cli.root().resolve("corpus/bundled/audio").resolve(speaker);
            Files.createDirectories(corpus.resolve(speaker));
            try (Stream<Path> s = Files.list(src)) {
                for (Path f : s.sorted().limit(3).toList()) {
                    good.add(Files.copy(f, corpus.resolve(speaker).resolve(f.getFileName())));
                }
            }
        }
        broken = corpus.resolve("ked_v1/broken.wav");
        Files.writeString(broken, "this is not a RIFF file");
        encoded = dir.resolve("encoded");
        List<String> args = new ArrayList<>(List.of("encode", "-t", "speechtokenizer", "-m", MODEL));
        good.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("-o", encoded.toString()));
        Cli e = Cli.run(args.toArray(String[]::new));
        assertEquals(0, e.code(), e.err());
    }

    private static Cli tokenize(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("spark", "tokenize", "-t", "speechtokenizer", "-m", MODEL,
                "--input", corpus.toString(), "-o", out.toString()));
        args.addAll(Arrays.asList(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static JsonNode manifest(Path out) throws IOException {
        return JSON.readTree(out.resolve("manifest.json").toFile());
    }

    /** Every good file's codes in the shards equal {@code voxtok encode}'s .vtok, with the same producer. */
    private static void assertCodesEqualEncode(TokenShards.Output o) {
        assertEquals("array<array<int>>", o.codesType());
        assertEquals(good.size(), o.tokens().size(), o.tokens().keySet().toString());
        for (Path f : good) {
            String stem = f.getFileName().toString().replace(".flac", "");
            String id = f.getParent().getFileName() + "/" + stem;
            TokenShards.Tokens row = o.tokens().get(id);
            assertNotNull(row, id + " missing from " + o.tokens().keySet());
            TokenMatrix ref = TokenFile.read(encoded.resolve(stem + ".vtok")).tokens();
            assertEquals(ref.producer().name() + ":" + ref.producer().variant(), row.producer());
            assertEquals(ref.producer().weightsHash(), row.weightsHash());
            assertEquals(ref.frames(), row.frames());
            int[][] want = ref.itemCodes(0);
            assertEquals(8, want.length);
            for (int l = 0; l < want.length; l++) {
                assertArrayEquals(want[l], row.codes()[l], id + " layer " + l);
            }
        }
    }

    @Test
    void codesEqualEncodeAndTheBrokenFileIsAFailureRow() throws IOException {
        Path out = dir.resolve("out-equal");
        Cli r = tokenize(out, "--master", "local[2]", "--shard-size", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("6 utterances"), r.out());
        assertTrue(r.out().contains("1 failed"), r.out());

        TokenShards.Output o = TokenShards.read(out);
        assertCodesEqualEncode(o);
        assertEquals(1, o.failures().size());
        Row f = o.failures().get(0);
        assertEquals("ked_v1/broken", f.getAs("id"));
        assertEquals("USER_INPUT", f.getAs("error_kind"));
        assertTrue(f.<String>getAs("error").contains(broken.toString()), f.<String>getAs("error"));

        JsonNode m = manifest(out);
        assertTrue(m.get("complete").asBoolean());
        assertEquals(4, m.get("shards").asInt(), "7 items in shards of 2");
        assertEquals(6, m.get("utterances").asInt());
        assertEquals(1, m.get("failures").asInt());
        assertEquals("ked_v1/broken", m.get("failed_items").get(0).get("id").asText());
        double seconds = 0;
        for (Path g : good) {
            seconds += io.voxtok.audio.AudioReader.read(g).seconds();
        }
        assertEquals(seconds, m.get("audio_seconds").asDouble(), 1e-6);
        assertEquals("local[2]", m.get("last_run").get("master").asText());
        assertTrue(Files.notExists(out.resolve("_temporary")), "attempt folders are cleaned up");

        Cli same = Cli.run("spark", "compare", "--shards", out.toString(), "--tokens", encoded.toString(), "--master", "local[1]");
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().startsWith("6 equal, 0 differ"), same.out());
        // The same check notices a .vtok that is not what the shards hold: one utterance's tokens under another's name.
        Path swapped = dir.resolve("encoded-swapped");
        Files.createDirectories(swapped);
        try (Stream<Path> s = Files.list(encoded)) {
            for (Path vtok : s.toList()) {
                Files.copy(vtok, swapped.resolve(vtok.getFileName()));
            }
        }
        String a = good.get(0).getFileName().toString().replace(".flac", ".vtok");
        String b = good.get(1).getFileName().toString().replace(".flac", ".vtok");
        Files.copy(encoded.resolve(b), swapped.resolve(a), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Cli differs = Cli.run("spark", "compare", "--shards", out.toString(), "--tokens", swapped.toString(), "--master", "local[1]");
        assertEquals(1, differs.code(), differs.out() + differs.err());
        assertTrue(differs.out().startsWith("5 equal, 1 differ"), differs.out());
    }

    @Test
    void reRunAfterACrashRedoesOnlyUncommittedShardsAndRefusesAnotherJob() throws IOException {
        Path out = dir.resolve("out-crash");
        Cli first = tokenize(out, "--master", "local[1]", "--shard-size", "3");
        assertEquals(0, first.code(), first.err());
        Path shard0 = out.resolve("tokens/shard-00000.parquet");
        byte[] shard0Bytes = Files.readAllBytes(shard0);
        FileTime shard0Time = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(shard0, shard0Time);
        // The states a kill leaves: shard 1 died before its data was moved in, shard 2 after, but before its marker;
        // and an attempt folder is left behind.
        Files.delete(out.resolve("_committed/shard-00001.json"));
        Files.delete(out.resolve("tokens/shard-00001.parquet"));
        Files.delete(out.resolve("_committed/shard-00002.json"));
        Files.createDirectories(out.resolve("_temporary/shard-00001-dead"));
        Files.writeString(out.resolve("_temporary/shard-00001-dead/tokens.parquet"), "half-written");

        Cli again = tokenize(out, "--master", "local[1]", "--shard-size", "3");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("2 shards done, 1 already committed"), again.out());
        assertEquals(shard0Time, Files.getLastModifiedTime(shard0), "a committed shard is not rewritten");
        assertArrayEquals(shard0Bytes, Files.readAllBytes(shard0));
        JsonNode m = manifest(out);
        assertTrue(m.get("complete").asBoolean());
        assertEquals(2, m.get("last_run").get("shards_run").asInt());
        assertEquals(1, m.get("last_run").get("shards_skipped").asInt());
        assertEquals(6, m.get("utterances").asInt());
        assertEquals(1, m.get("failures").asInt());
        assertTrue(Files.notExists(out.resolve("_temporary")));
        assertCodesEqualEncode(TokenShards.read(out));

        Cli other = tokenize(out, "--master", "local[1]", "--shard-size", "2");
        assertEquals(1, other.code(), other.out());
        assertTrue(other.err().contains("another job") && other.err().contains("shard_size"), other.err());
    }

    @Test
    void aKilledJobResumesWithTheRemainingShardsOnly() throws Exception {
        Path out = dir.resolve("out-kill");
        int shards = good.size() + 1;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-javaagent") && !a.startsWith("-agentlib")).toList());
        cmd.add("-Dvoxtok.home=" + Cli.root());
        cmd.add("-Dlog4j2.configurationFile=classpath:io/voxtok/spark/log4j2-cli.properties");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.voxtok.cli.VoxtokCli",
                "spark", "tokenize", "-t", "speechtokenizer", "-m", MODEL, "--input", corpus.toString(),
                "-o", out.toString(), "--master", "local[1]", "--shard-size", "1"));
        Path log = dir.resolve("killed-run.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path committed = out.resolve("_committed");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (markers(committed) == 0 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.destroyForcibly();  // SIGKILL: no shutdown hooks, no clean-up, as when a machine or container dies
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        int done = markers(committed);
        assertTrue(done >= 1, "the child committed no shard before it was killed: " + Files.readString(log));
        assertTrue(done < shards, "the child finished before it could be killed; nothing left to resume");
        assertTrue(Files.notExists(out.resolve("manifest.json")), "a killed run writes no manifest");

        Cli again = tokenize(out, "--master", "local[1]", "--shard-size", "1");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains((shards - done) + " shards done, " + done + " already committed"), again.out());
        JsonNode m = manifest(out);
        assertTrue(m.get("complete").asBoolean());
        assertEquals(shards, m.get("shards_committed").asInt());
        assertCodesEqualEncode(TokenShards.read(out));
    }

    private static int markers(Path committed) throws IOException {
        if (!Files.isDirectory(committed)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(committed)) {
            return (int) s.filter(f -> f.getFileName().toString().matches("shard-\\d+\\.json")).count();
        }
    }
}
