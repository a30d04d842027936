package io.voxtok.cli;

/**
 * A {@code voxtok} subcommand that lives outside this module and joins the command tree only when its jar is on
 * the class path (found with {@link java.util.ServiceLoader} through
 * {@code META-INF/services/io.voxtok.cli.SubcommandProvider}).
 *
 * <p>Why: some commands need heavy dependencies that most users never want to load. {@code voxtok spark} needs
 * Apache Spark (about 300 MB of jars); keeping it in its own module keeps the main CLI jar and every other
 * {@code voxtok} invocation free of Spark, while {@code voxtok spark ...} still shares the CLI's options, error
 * handling and exit codes.
 */
public interface SubcommandProvider {
    /** A new picocli command object (annotated with {@code @Command}) to register under {@code voxtok}. */
    Object command();
}
