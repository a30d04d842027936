package io.voxtok.cli;

import io.voxtok.api.VoxtokException;
import io.voxtok.cli.command.AnalyzeCommand;
import io.voxtok.cli.command.BenchCommand;
import io.voxtok.cli.command.DecodeCommand;
import io.voxtok.cli.command.CorpusCommand;
import io.voxtok.cli.command.EncodeCommand;
import io.voxtok.cli.command.EvalCommand;
import io.voxtok.cli.command.ExportCommand;
import io.voxtok.cli.command.FeaturesCommand;
import io.voxtok.cli.command.ModelsCommand;
import io.voxtok.cli.command.LearningCurveCommand;
import io.voxtok.cli.command.LmCommand;
import io.voxtok.cli.command.UnitsCommand;
import io.voxtok.cli.command.PluginsCommand;
import io.voxtok.cli.command.ResynthCommand;
import io.voxtok.cli.command.SpeakerCommand;
import io.voxtok.cli.command.TrainCommand;
import io.voxtok.cli.command.TtsCommand;
import io.voxtok.cli.command.VoiceConversionCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code voxtok} command. Exit codes: 0 success, 2 usage error, 1 any other failure. Errors print one line
 * naming the file and the problem; {@code --verbose} adds the stack trace. {@code --help} and {@code --version} are
 * inherited by every subcommand.
 */
@Command(name = "voxtok", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = VersionProvider.class,
        description = "Speech tokenizers on the JVM: encode, decode, resynthesise, convert voices, benchmark, train.",
        subcommands = {PluginsCommand.class, EncodeCommand.class, DecodeCommand.class, ResynthCommand.class,
                VoiceConversionCommand.class, BenchCommand.class,
                FeaturesCommand.class, UnitsCommand.class, CorpusCommand.class, EvalCommand.class,
                TrainCommand.class, ExportCommand.class, AnalyzeCommand.class, ModelsCommand.class, LearningCurveCommand.class,
                LmCommand.class, SpeakerCommand.class, TtsCommand.class})
public final class VoxtokCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests and embedding). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command line with the given output and error writers; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter errWriter, String... args) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose") || java.util.Arrays.asList(args).contains("-v");
        LogSetup.configure(verbose);
        CommandLine cl = new CommandLine(new VoxtokCli());
        // Optional modules (e.g. sdk-spark) add their commands when their jars are on the class path.
        for (SubcommandProvider p : java.util.ServiceLoader.load(SubcommandProvider.class, VoxtokCli.class.getClassLoader())) {
            cl.addSubcommand(p.command());
        }
        cl.setOut(out);
        cl.setErr(errWriter);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof VoxtokException ve) {
                err.println("voxtok: error: " + ve.getMessage());
            } else if (ex instanceof IllegalArgumentException) {
                err.println("voxtok: error: " + ex.getMessage());
            } else {
                err.println("voxtok: error: " + ex);
            }
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
