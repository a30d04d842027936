package io.voxtok.runtime.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What libtorch's math libraries say about themselves when asked to be verbose ({@code ONEDNN_VERBOSE=1},
 * {@code MKL_VERBOSE=1}): the oneDNN version, threading runtime and instruction set it dispatches to, the MKL
 * build and the code path it picked for this CPU, and which kernel implementation ran each primitive (with the
 * layout reorders around it). DJL exposes no {@code torch::show_config()}; this is the same information, as the
 * libraries report it at run time.
 *
 * @param oneDnnVersion oneDNN version and commit, e.g. {@code "3.7.1 (commit 8d26...)"}, or empty
 * @param oneDnnRuntime oneDNN's CPU threading runtime and thread count, e.g. {@code "OpenMP, nthr 2"}, or empty
 * @param oneDnnIsa     the instruction set oneDNN dispatches to on this CPU, or empty
 * @param mklBuild      MKL's self-description (version, build, the processor family it dispatched for, threading
 *                      layer), or empty
 * @param primitives    every distinct oneDNN primitive run: {@code kind, implementation, problem} to milliseconds
 *                      of its last run
 * @param mklCalls      every distinct MKL call: function and arguments' sizes to {@code time, NThr}
 */
public record EngineVerboseLog(String oneDnnVersion, String oneDnnRuntime, String oneDnnIsa, String mklBuild,
                               Map<String, Double> primitives, Map<String, String> mklCalls) {
    /** Copies the maps. */
    public EngineVerboseLog {
        primitives = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(primitives));
        mklCalls = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mklCalls));
    }

    /**
     * Parses the verbose output of oneDNN (format {@code v1}, and the older one without the {@code v1} and
     * {@code primitive} fields) and MKL; other lines are ignored.
     */
    public static EngineVerboseLog parse(String output) {
        String version = "";
        String runtime = "";
        String isa = "";
        String mkl = "";
        Map<String, Double> prims = new LinkedHashMap<>();
        Map<String, String> calls = new LinkedHashMap<>();
        for (String raw : output.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("onednn_verbose,") || line.startsWith("dnnl_verbose,")) {
                List<String> f = List.of(line.split(",", -1));
                int info = f.indexOf("info");
                int exec = f.indexOf("exec");
                if (info >= 0 && info + 1 < f.size()) {
                    String rest = String.join(",", f.subList(info + 1, f.size()));
                    if (rest.startsWith("oneDNN v")) {
                        version = rest.substring("oneDNN v".length());
                    } else if (rest.startsWith("cpu,runtime:")) {
                        runtime = rest.substring("cpu,runtime:".length()).replace(",nthr:", ", nthr ");
                    } else if (rest.startsWith("cpu,isa:")) {
                        isa = rest.substring("cpu,isa:".length());
                    }
                } else if (exec >= 0 && exec + 3 < f.size() && f.get(exec + 1).equals("cpu")) {
                    String kind = f.get(exec + 2);
                    String impl = f.get(exec + 3);
                    String problem = f.get(f.size() - 2);
                    try {
                        prims.put(kind + " " + impl + " " + problem, Double.parseDouble(f.get(f.size() - 1)));
                    } catch (NumberFormatException e) {
                        // a line cut short: skip it
                    }
                }
            } else if (line.startsWith("MKL_VERBOSE ")) {
                String rest = line.substring("MKL_VERBOSE ".length());
                int paren = rest.indexOf('(');
                int close = rest.indexOf(')');
                if (paren > 0 && close > paren && rest.substring(0, paren).matches("[A-Za-z0-9_]+")) {
                    String args = rest.substring(paren + 1, close);
                    String key = rest.substring(0, paren) + "(" + sizesOf(args) + ")";
                    String after = rest.substring(close + 1).trim();
                    String time = after.isEmpty() ? "" : after.split("\\s+")[0];
                    int nthr = after.indexOf("NThr:");
                    calls.put(key, time + (nthr >= 0 ? ", " + after.substring(nthr).split("\\s+")[0] : ""));
                } else if (mkl.isEmpty()) {
                    mkl = rest;
                }
            }
        }
        return new EngineVerboseLog(version, runtime, isa, mkl, prims, calls);
    }

    /** The non-pointer arguments of an MKL call (transposition flags and sizes), pointers dropped. */
    static String sizesOf(String args) {
        List<String> kept = new ArrayList<>();
        for (String a : args.split(",")) {
            String t = a.trim();
            if (!t.startsWith("0x") && !t.equals("(nil)")) {
                kept.add(t);
            }
        }
        return String.join(",", kept);
    }
}
