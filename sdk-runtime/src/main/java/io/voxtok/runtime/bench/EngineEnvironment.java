package io.voxtok.runtime.bench;

import io.voxtok.api.backend.BackendKind;
import io.voxtok.api.backend.BackendSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The engine a benchmark ran on, as far as it can be found from Java: libtorch and DJL versions, the native library
 * files DJL loaded and what they link (OpenMP runtime, BLAS), libtorch's feature flags, the thread counts in force,
 * the thread-related environment, and optionally what oneDNN and MKL report at run time ({@link
 * EngineVerboseLog}).
 *
 * @param engine            engine name ({@code PyTorch}, or the backend kind when it is not PyTorch)
 * @param engineVersion     libtorch version DJL reports
 * @param djlVersion        DJL version
 * @param libraryDirectory  where DJL loaded libtorch from (its cache directory)
 * @param libraryFiles      the files there, with sizes
 * @param linkedLibraries   {@code ldd} of {@code libtorch_cpu.so}: name to path
 * @param features          libtorch's build features as DJL reports them ({@code MKL}, {@code MKLDNN}, {@code OPENMP},
 *                          ...)
 * @param openMp            the OpenMP runtime libtorch loads, or {@code "none found"}
 * @param blas              where BLAS comes from: MKL linked into libtorch, or a separate library
 * @param intraOpThreads    libtorch's intra-op threads in force ({@code at::get_num_threads})
 * @param interOpThreads    libtorch's inter-op threads in force
 * @param threadEnvironment environment variables that steer threading and kernels ({@code OMP_*}, {@code GOMP_*},
 *                          {@code KMP_*}, {@code MKL_*}, {@code ONEDNN_*}, {@code DNNL_*}, {@code OPENBLAS_*})
 * @param engineProperties  system properties {@code ai.djl.*}
 * @param transparentHugePages the kernel's transparent huge page mode ({@code always}, {@code madvise} or
 *                          {@code never}), or empty where unknown: with {@code madvise}, only memory glibc marks
 *                          (the {@code glibc.malloc.hugetlb=1} tunable the launcher sets) gets huge pages
 * @param verbose           oneDNN/MKL run-time report, or {@code null} when not probed or the probe failed
 * @param verboseError      why {@link #verbose} is missing, or {@code null}
 */
public record EngineEnvironment(String engine, String engineVersion, String djlVersion, String libraryDirectory,
                                List<String> libraryFiles, Map<String, String> linkedLibraries, List<String> features,
                                String openMp, String blas, int intraOpThreads, int interOpThreads,
                                Map<String, String> threadEnvironment, Map<String, String> engineProperties,
                                String transparentHugePages, EngineVerboseLog verbose, String verboseError) {
    private static final List<String> ENV_PREFIXES = List.of("OMP_", "GOMP_", "KMP_", "MKL_", "ONEDNN_", "DNNL_",
            "OPENBLAS_", "MALLOC_", "GLIBC_TUNABLES");

    /** A copy with a verbose report (or the reason there is none). */
    public EngineEnvironment withVerbose(EngineVerboseProbe.Result probe) {
        return new EngineEnvironment(engine, engineVersion, djlVersion, libraryDirectory, libraryFiles, linkedLibraries,
                features, openMp, blas, intraOpThreads, interOpThreads, threadEnvironment, engineProperties,
                transparentHugePages, probe.log(), probe.error());
    }

    /**
     * Collects what can be found without running anything. The PyTorch engine must be started for a PyTorch
     * backend (it is once a tokenizer on it exists).
     */
    public static EngineEnvironment collect(BackendSpec backend) {
        Map<String, String> env = threadEnvironment(System.getenv());
        Map<String, String> props = new TreeMap<>();
        System.getProperties().forEach((k, v) -> {
            if (k.toString().startsWith("ai.djl.")) {
                props.put(k.toString(), v.toString());
            }
        });
        if (backend.kind() != BackendKind.PYTORCH) {
            return new EngineEnvironment(backend.kind().toString(), "", ai.djl.engine.Engine.getDjlVersion(), "",
                    List.of(), Map.of(), List.of(), "", "", backend.intraOpThreads(), 0, env, props,
                    readTransparentHugePages(), null, "not a PyTorch backend");
        }
        ai.djl.engine.Engine engine = io.voxtok.nn.backend.PyTorchBackend.engine();
        String dir = ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
        List<String> files = new ArrayList<>();
        Map<String, String> linked = Map.of();
        if (dir != null) {
            Path d = Path.of(dir);
            try (Stream<Path> s = Files.list(d)) {
                s.sorted().forEach(p -> files.add(p.getFileName() + " (" + size(p) + " bytes)"));
            } catch (IOException e) {
                files.add("cannot list: " + e.getMessage());
            }
            Path cpu = d.resolve(System.mapLibraryName("torch_cpu"));
            linked = LinkedLibraries.of(Files.exists(cpu) ? cpu : d.resolve(System.mapLibraryName("torch")));
        }
        List<String> features = new ArrayList<>(ai.djl.pytorch.jni.JniUtils.getFeatures());
        features.sort(null);
        return new EngineEnvironment(engine.getEngineName(), engine.getVersion(), ai.djl.engine.Engine.getDjlVersion(),
                dir, files, linked, features, openMp(linked), blas(linked, features),
                ai.djl.pytorch.jni.JniUtils.getNumThreads(), ai.djl.pytorch.jni.JniUtils.getNumInteropThreads(), env,
                props, readTransparentHugePages(), null, "not probed");
    }

    /** The selected mode in {@code /sys/kernel/mm/transparent_hugepage/enabled} (the bracketed word), or empty. */
    static String readTransparentHugePages() {
        try {
            return selectedMode(Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** {@code "always [madvise] never"} gives {@code "madvise"}; text without brackets gives itself, trimmed. */
    static String selectedMode(String text) {
        int open = text.indexOf('[');
        int close = text.indexOf(']', open + 1);
        return open >= 0 && close > open ? text.substring(open + 1, close) : text.trim();
    }

    /** The variables of {@code environment} that steer threading, allocation and kernel choice, sorted. */
    static Map<String, String> threadEnvironment(Map<String, String> environment) {
        Map<String, String> out = new TreeMap<>();
        environment.forEach((k, v) -> {
            for (String p : ENV_PREFIXES) {
                if (k.startsWith(p)) {
                    out.put(k, v);
                }
            }
        });
        return out;
    }

    /** The OpenMP runtime among linked libraries ({@code libgomp}, {@code libiomp5}, {@code libomp}). */
    static String openMp(Map<String, String> linked) {
        for (Map.Entry<String, String> e : linked.entrySet()) {
            String n = e.getKey().toLowerCase(Locale.ROOT);
            if (n.contains("gomp") || n.contains("iomp") || n.startsWith("libomp")) {
                return e.getKey() + " (" + e.getValue() + ")";
            }
        }
        return "none found";
    }

    /**
     * Where BLAS comes from: a separately linked MKL or OpenBLAS or reference BLAS, or MKL linked statically into
     * libtorch (the {@code MKL} feature with no MKL library in {@code ldd}, as in the official libtorch builds).
     */
    static String blas(Map<String, String> linked, List<String> features) {
        for (Map.Entry<String, String> e : linked.entrySet()) {
            String n = e.getKey().toLowerCase(Locale.ROOT);
            if (n.contains("mkl") || n.contains("openblas") || n.startsWith("libblas") || n.contains("blis")) {
                return e.getKey() + " (" + e.getValue() + ")";
            }
        }
        if (features.contains("MKL")) {
            return "MKL, linked into libtorch_cpu (no separate BLAS library)";
        }
        return "no separate BLAS library found";
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
