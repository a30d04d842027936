package io.voxtok.spark.cli;

import io.voxtok.cli.VoxtokCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Runs the voxtok CLI in-process, with this module on the class path (so {@code voxtok spark} is registered). */
record Cli(int code, String out, String err) {
    static Path root() {
        return Path.of(System.getProperty("voxtok.root")).toAbsolutePath().normalize();
    }

    static Cli run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        System.setProperty("voxtok.home", root().toString());
        int code = VoxtokCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new Cli(code, o.toString(), e.toString());
    }

    /** Fails with the build command when the plugin zips are missing (the module's tests use the packaged plugins). */
    static void requirePackagedSpeechTokenizer() throws java.io.IOException {
        try (Stream<Path> s = Files.list(root().resolve("plugins"))) {
            if (s.noneMatch(p -> p.getFileName().toString().startsWith("speechtokenizer-"))) {
                throw new AssertionError("no speechtokenizer plugin in " + root().resolve("plugins")
                        + "; package the plugins first: mvn -o -q package -DskipTests");
            }
        }
    }
}
