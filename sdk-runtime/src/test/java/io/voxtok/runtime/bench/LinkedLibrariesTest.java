package io.voxtok.runtime.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ldd} output and what it tells about OpenMP and BLAS. */
class LinkedLibrariesTest {
    private static final String LDD = """
            \tlinux-vdso.so.1 (0x00007fc8c5f6f000)
            \tlibc10.so => /root/.djl.ai/pytorch/2.7.1/./libc10.so (0x00007fc8c5e4c000)
            \tlibgomp-98b21ff3.so.1 => /root/.djl.ai/pytorch/2.7.1/./libgomp-98b21ff3.so.1 (0x00007fc8c5dc6000)
            \tlibmissing.so => not found
            \t/lib64/ld-linux-x86-64.so.2 (0x00007fc8c5f71000)
            """;

    @Test
    void parsesNamesAndPathsWithoutTheVdso() {
        Map<String, String> libs = LinkedLibraries.parse(LDD);
        assertEquals(List.of("libc10.so", "libgomp-98b21ff3.so.1", "libmissing.so", "ld-linux-x86-64.so.2"),
                List.copyOf(libs.keySet()));
        assertEquals("/root/.djl.ai/pytorch/2.7.1/./libc10.so", libs.get("libc10.so"));
        assertEquals("not found", libs.get("libmissing.so"));
        assertEquals("/lib64/ld-linux-x86-64.so.2", libs.get("ld-linux-x86-64.so.2"));
    }

    @Test
    void findsTheOpenMpRuntimeAndWhereBlasComesFrom() {
        Map<String, String> libs = LinkedLibraries.parse(LDD);
        assertTrue(EngineEnvironment.openMp(libs).startsWith("libgomp-98b21ff3.so.1 ("));
        assertTrue(EngineEnvironment.blas(libs, List.of("MKL", "MKLDNN")).startsWith("MKL, linked into"));
        assertEquals("no separate BLAS library found", EngineEnvironment.blas(libs, List.of("OPENMP")));
        Map<String, String> openblas = LinkedLibraries.parse(
                "libblas.so.3 => /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 (0x1)\n");
        assertEquals("libblas.so.3 (/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3)",
                EngineEnvironment.blas(openblas, List.of()));
        assertEquals("none found", EngineEnvironment.openMp(openblas));
    }

    @Test
    void readsTheSelectedHugePageMode() {
        assertEquals("madvise", EngineEnvironment.selectedMode("always [madvise] never\n"));
        assertEquals("never", EngineEnvironment.selectedMode("never"));
    }

    @Test
    void keepsOnlyThreadingAndKernelVariables() {
        Map<String, String> env = EngineEnvironment.threadEnvironment(Map.of("OMP_NUM_THREADS", "2", "HOME", "/root",
                "MKL_VERBOSE", "0", "GOMP_SPINCOUNT", "1000", "PATH", "/bin", "GLIBC_TUNABLES", "glibc.malloc.hugetlb=1"));
        assertEquals(List.of("GLIBC_TUNABLES", "GOMP_SPINCOUNT", "MKL_VERBOSE", "OMP_NUM_THREADS"),
                List.copyOf(env.keySet()));
    }
}
