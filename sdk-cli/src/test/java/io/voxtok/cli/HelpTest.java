package io.voxtok.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers {@code --help} and {@code -h} with its usage and exit code 0. */
class HelpTest {
    @Test
    void everyCommandHasHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new VoxtokCli()), new ArrayList<>(), paths);
        assertTrue(paths.size() > 10, paths.toString());
        for (List<String> path : paths) {
            for (String flag : List.of("--help", "-h")) {
                check(path, flag);
            }
        }
    }

    private static void check(List<String> path, String flag) {
        List<String> args = new ArrayList<>(path);
        args.add(flag);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = VoxtokCli.execute(new PrintWriter(o, true), new PrintWriter(e, true), args.toArray(String[]::new));
        assertEquals(0, code, args + ": " + e);
        assertTrue(o.toString().startsWith("Usage: voxtok"), args + ": " + o);
    }

    private static void collect(CommandLine c, List<String> path, List<List<String>> out) {
        out.add(path);
        c.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandName().equals(name)) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, out);
            }
        });
    }
}
