package io.voxtok.data.synth;

import io.voxtok.api.ErrorKind;
import io.voxtok.api.VoxtokException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command-line program this builder drives (flite, sox): finds it on {@code PATH}, names the Debian package
 * to install when it is missing, and runs it with a time limit, failing with its stderr.
 *
 * @param executable    program name, e.g. {@code flite}
 * @param debianPackage the Debian/Ubuntu package that provides it
 */
public record ExternalTool(String executable, String debianPackage) {
    /** Seconds one invocation may take before it is killed. */
    static final long TIMEOUT_S = 120;

    /** The program's absolute path, or a clear {@link ErrorKind#ENVIRONMENT} error naming the package. */
    public Path require() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, executable);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new VoxtokException(ErrorKind.ENVIRONMENT, "'" + executable + "' was not found on PATH; install the "
                + "Debian package '" + debianPackage + "' (sudo apt-get install " + debianPackage + ")");
    }

    /** Runs {@code executable args...} and returns its standard output; fails on a non-zero exit. */
    public String run(List<String> args) {
        return run(args, true);
    }

    /** Runs it and returns its standard output whatever the exit code (for {@code --version} probes). */
    public String probe(List<String> args) {
        return run(args, false);
    }

    private String run(List<String> args, boolean checkExit) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(require().toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            // Drain stderr on another thread so a chatty program cannot block on a full pipe.
            StreamCollector err = new StreamCollector(p.getErrorStream());
            err.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new VoxtokException(ErrorKind.ENVIRONMENT, executable + " did not finish in " + TIMEOUT_S + " s: " + cmd);
            }
            err.join();
            if (checkExit && p.exitValue() != 0) {
                throw new VoxtokException(ErrorKind.ENVIRONMENT, executable + " failed (exit " + p.exitValue() + "): "
                        + cmd + ": " + err.text().strip());
            }
            return out;
        } catch (IOException e) {
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VoxtokException(ErrorKind.ENVIRONMENT, "interrupted while running " + executable, e);
        }
    }

    /** Reads a stream to the end on its own thread. */
    private static final class StreamCollector extends Thread {
        private final InputStream in;
        private volatile String text = "";

        StreamCollector(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "(stderr unreadable: " + e.getMessage() + ")";
            }
        }

        String text() {
            return text;
        }
    }
}
