package io.voxtok.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code voxtok spark} joins the command tree through its SubcommandProvider and answers --help and -h. */
class SparkHelpTest {
    @Test
    void sparkCommandsAreRegisteredAndHaveHelp() {
        Cli top = Cli.run("--help");
        assertEquals(0, top.code(), top.err());
        assertTrue(top.out().contains("spark"), top.out());
        for (List<String> path : List.of(List.of("spark"), List.of("spark", "tokenize"), List.of("spark", "units"),
                List.of("spark", "features"), List.of("spark", "compare"))) {
            for (String flag : List.of("--help", "-h")) {
                String[] args = java.util.stream.Stream.concat(path.stream(), java.util.stream.Stream.of(flag))
                        .toArray(String[]::new);
                Cli r = Cli.run(args);
                assertEquals(0, r.code(), path + " " + flag + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: voxtok " + String.join(" ", path)), r.out());
            }
        }
        assertTrue(Cli.run("spark", "tokenize", "-h").out().contains("--shard-size"));
    }

    @Test
    void missingOptionsAreUsageErrors() {
        Cli r = Cli.run("spark", "tokenize", "-t", "speechtokenizer");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--input") || r.err().contains("--output"), r.err());
    }
}
