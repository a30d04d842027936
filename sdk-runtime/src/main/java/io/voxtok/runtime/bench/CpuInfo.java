package io.voxtok.runtime.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The CPU a benchmark ran on, from Linux's {@code /proc/cpuinfo}: model name, vendor, logical CPUs, physical
 * cores, and the SIMD flags that decide which kernels libtorch, oneDNN and MKL pick (AVX2, FMA, every AVX-512
 * subset, AVX-VNNI, AMX).
 *
 * @param model         {@code model name} of the first processor
 * @param vendor        {@code vendor_id}
 * @param logicalCpus   {@code processor} entries
 * @param physicalCores {@code cpu cores} times the number of distinct {@code physical id}s (0 if not given)
 * @param cacheSize     {@code cache size} as written (e.g. {@code "512 KB"}), or empty
 * @param simdFlags     the SIMD-relevant flags present, in {@code /proc/cpuinfo} order
 * @param hypervisor    whether the {@code hypervisor} flag is set (a virtual machine)
 */
public record CpuInfo(String model, String vendor, int logicalCpus, int physicalCores, String cacheSize,
                      List<String> simdFlags, boolean hypervisor) {
    /** Copies the list. */
    public CpuInfo {
        simdFlags = List.copyOf(simdFlags);
    }

    /** Whether any AVX-512 subset is present. */
    public boolean avx512() {
        return simdFlags.stream().anyMatch(f -> f.startsWith("avx512"));
    }

    /** Whether AVX2 is present. */
    public boolean avx2() {
        return simdFlags.contains("avx2");
    }

    /** Reads {@code /proc/cpuinfo}; empty where it does not exist or cannot be read (not Linux). */
    public static Optional<CpuInfo> read() {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc/cpuinfo"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses the text of {@code /proc/cpuinfo} (x86 layout; other architectures give what they have).
     *
     * @throws IllegalArgumentException if it lists no processor
     */
    public static CpuInfo parse(String text) {
        String model = "";
        String vendor = "";
        String cache = "";
        int logical = 0;
        int coresPerSocket = 0;
        Set<String> sockets = new LinkedHashSet<>();
        List<String> flags = List.of();
        boolean firstFlags = true;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "processor" -> logical++;
                case "model name" -> model = model.isEmpty() ? value : model;
                case "vendor_id" -> vendor = vendor.isEmpty() ? value : vendor;
                case "cache size" -> cache = cache.isEmpty() ? value : cache;
                case "cpu cores" -> coresPerSocket = coresPerSocket == 0 ? parseInt(value) : coresPerSocket;
                case "physical id" -> sockets.add(value);
                case "flags" -> {
                    if (firstFlags) {
                        flags = List.of(value.split("\\s+"));
                        firstFlags = false;
                    }
                }
                default -> {
                    // other fields (MHz, bugs, ...) change between reads or do not matter for kernel choice
                }
            }
        }
        if (logical == 0) {
            throw new IllegalArgumentException("no processor entry in the CPU description");
        }
        List<String> simd = new ArrayList<>();
        for (String f : flags) {
            if (isSimd(f)) {
                simd.add(f);
            }
        }
        int physical = coresPerSocket * Math.max(1, sockets.size());
        return new CpuInfo(model, vendor, logical, physical, cache, simd, flags.contains("hypervisor"));
    }

    /** The flags that change kernel selection: SSE4.x, AVX, AVX2, FMA, F16C, AVX-512 subsets, VNNI, AMX. */
    static boolean isSimd(String flag) {
        return flag.equals("sse4_1") || flag.equals("sse4_2") || flag.equals("avx") || flag.equals("avx2")
                || flag.equals("fma") || flag.equals("f16c") || flag.startsWith("avx512") || flag.equals("avx_vnni")
                || flag.startsWith("amx");
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
