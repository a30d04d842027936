package io.voxtok.runtime.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shared libraries a native library loads, from {@code ldd}: how libtorch reaches OpenMP ({@code libgomp} or
 * Intel's {@code libiomp5}) and whether BLAS comes from a separate library (MKL, OpenBLAS) or is linked in.
 */
public final class LinkedLibraries {
    private LinkedLibraries() {
    }

    /**
     * Runs {@code ldd} on {@code library}.
     *
     * @return library name to resolved path ({@code "not found"} when unresolved); empty if {@code ldd} is missing
     *         or fails
     */
    public static Map<String, String> of(Path library) {
        try {
            Process p = new ProcessBuilder("ldd", library.toString()).redirectErrorStream(true).start();
            byte[] out;
            try (InputStream in = p.getInputStream()) {
                out = readAll(in);
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return Map.of();
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /**
     * Parses {@code ldd} output: {@code name => path (0x...)}, {@code name => not found}, or a bare
     * {@code /path (0x...)} (the loader itself); the vDSO, which has no file, is left out.
     */
    public static Map<String, String> parse(String lddOutput) {
        Map<String, String> libs = new LinkedHashMap<>();
        for (String raw : lddOutput.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("linux-vdso") || line.startsWith("linux-gate")) {
                continue;
            }
            int arrow = line.indexOf("=>");
            if (arrow >= 0) {
                String name = line.substring(0, arrow).trim();
                libs.put(name, stripAddress(line.substring(arrow + 2).trim()));
            } else {
                String path = stripAddress(line);
                libs.put(Path.of(path).getFileName().toString(), path);
            }
        }
        return libs;
    }

    private static String stripAddress(String s) {
        int paren = s.lastIndexOf(" (0x");
        return (paren >= 0 ? s.substring(0, paren) : s).trim();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toByteArray();
    }
}
