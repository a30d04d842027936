package io.voxtok.runtime.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing {@code /proc/cpuinfo}: model, cores, and only the SIMD flags that change kernel choice. */
class CpuInfoTest {
    private static final String TWO_VCPUS = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC
            cache size\t: 512 KB
            physical id\t: 0
            cpu cores\t: 2
            flags\t\t: fpu sse4_1 sse4_2 avx f16c avx2 fma hypervisor avx512f avx512bw avx512_vnni bmi2

            processor\t: 1
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC
            cache size\t: 512 KB
            physical id\t: 0
            cpu cores\t: 2
            flags\t\t: fpu sse4_1 sse4_2 avx f16c avx2 fma hypervisor avx512f avx512bw avx512_vnni bmi2
            """;

    @Test
    void readsModelCoresAndSimdFlags() {
        CpuInfo c = CpuInfo.parse(TWO_VCPUS);
        assertEquals("AMD EPYC", c.model());
        assertEquals("AuthenticAMD", c.vendor());
        assertEquals(2, c.logicalCpus());
        assertEquals(2, c.physicalCores(), "2 cores x 1 socket");
        assertEquals("512 KB", c.cacheSize());
        assertEquals(List.of("sse4_1", "sse4_2", "avx", "f16c", "avx2", "fma", "avx512f", "avx512bw", "avx512_vnni"),
                c.simdFlags(), "fpu, hypervisor and bmi2 are not SIMD flags");
        assertTrue(c.avx512());
        assertTrue(c.avx2());
        assertTrue(c.hypervisor());
    }

    @Test
    void twoSocketsDoubleTheCoresAndAnOldCpuHasNoAvx() {
        String text = """
                processor : 0
                model name : Old Xeon
                physical id : 0
                cpu cores : 4
                flags : sse4_2 avx
                processor : 1
                physical id : 1
                cpu cores : 4
                """;
        CpuInfo c = CpuInfo.parse(text);
        assertEquals(8, c.physicalCores());
        assertFalse(c.avx2());
        assertFalse(c.avx512());
        assertFalse(c.hypervisor());
    }

    @Test
    void refusesTextWithoutProcessors() {
        assertThrows(IllegalArgumentException.class, () -> CpuInfo.parse("Hardware : something\n"));
    }
}
