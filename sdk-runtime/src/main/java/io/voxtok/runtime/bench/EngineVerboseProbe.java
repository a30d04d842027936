package io.voxtok.runtime.bench;

import io.voxtok.nn.profile.ComputeOp;
import io.voxtok.nn.profile.Conv1dOp;
import io.voxtok.nn.profile.LstmOp;
import io.voxtok.nn.profile.MatmulOp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the model's primitives once in a child JVM with {@code ONEDNN_VERBOSE=1} and {@code MKL_VERBOSE=1} and
 * parses what the libraries print ({@link EngineVerboseLog}). A child process, because both libraries read these
 * variables once when they load and print to the process's standard output, which a JVM cannot capture from
 * native code in itself. The child uses this JVM's class path and thread settings.
 */
public final class EngineVerboseProbe {
    private static final long TIMEOUT_SECONDS = 180;

    private EngineVerboseProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param threads intra-op threads for the child
     * @param ops     primitives to run (each twice)
     * @return the parsed log, or a failure message
     */
    public static Result run(int threads, List<ComputeOp> ops) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "true"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EngineVerboseProbeMain.class.getName());
        cmd.add(Integer.toString(threads));
        for (ComputeOp op : ops) {
            cmd.add(spec(op));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("ONEDNN_VERBOSE", "1");
        env.put("MKL_VERBOSE", "1");
        try {
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(p.getInputStream(), out), "engine-probe-output");
            reader.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(null, "the probe did not finish in " + TIMEOUT_SECONDS + " s");
            }
            reader.join(10_000);
            String text;
            synchronized (out) {
                text = out.toString(StandardCharsets.UTF_8);
            }
            if (p.exitValue() != 0) {
                return new Result(null, "the probe exited with " + p.exitValue() + ": " + tail(text));
            }
            return new Result(EngineVerboseLog.parse(text), null);
        } catch (IOException e) {
            return new Result(null, "cannot start the probe: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(null, "interrupted");
        }
    }

    /**
     * Encodes a primitive for the child's command line: {@code conv:B,in,out,k,s,d,L}, {@code matmul:m,k,n} or
     * {@code lstm:T,B,in,H,bidirectional}.
     */
    static String spec(ComputeOp op) {
        if (op instanceof Conv1dOp c) {
            return "conv:" + c.batch() + "," + c.inChannels() + "," + c.outChannels() + "," + c.kernel() + ","
                    + c.stride() + "," + c.dilation() + "," + c.outLength();
        }
        if (op instanceof MatmulOp m) {
            return "matmul:" + m.m() + "," + m.k() + "," + m.n();
        }
        LstmOp l = (LstmOp) op;
        return "lstm:" + l.steps() + "," + l.batch() + "," + l.inputSize() + "," + l.hiddenSize() + ","
                + l.bidirectional();
    }

    /** Decodes {@link #spec}. */
    static ComputeOp parseSpec(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a primitive spec: " + s);
        }
        String[] v = s.substring(colon + 1).split(",");
        return switch (s.substring(0, colon)) {
            case "conv" -> new Conv1dOp(i(v[0]), i(v[1]), i(v[2]), i(v[3]), i(v[4]), i(v[5]), i(v[6]));
            case "matmul" -> new MatmulOp(i(v[0]), i(v[1]), i(v[2]));
            case "lstm" -> new LstmOp(i(v[0]), i(v[1]), i(v[2]), i(v[3]), Boolean.parseBoolean(v[4]));
            default -> throw new IllegalArgumentException("unknown primitive kind in " + s);
        };
    }

    private static int i(String s) {
        return Integer.parseInt(s.trim());
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the process ended; what was read is kept
        }
    }

    private static String tail(String s) {
        return s.length() <= 500 ? s : s.substring(s.length() - 500);
    }

    /**
     * Outcome of {@link #run}.
     *
     * @param log   the parsed output, or {@code null} on failure
     * @param error why there is no log, or {@code null}
     */
    public record Result(EngineVerboseLog log, String error) {
    }
}
