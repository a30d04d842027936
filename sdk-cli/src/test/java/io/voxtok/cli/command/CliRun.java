package io.voxtok.cli.command;

import io.voxtok.cli.VoxtokCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the CLI in-process with captured output (no runtime is started unless the arguments get that far). */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = VoxtokCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new CliRun(code, o.toString(), e.toString());
    }
}
