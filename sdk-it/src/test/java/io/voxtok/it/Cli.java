package io.voxtok.it;

import io.voxtok.cli.VoxtokCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its output. */
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
}
