package io.voxtok.nn.profile;

import java.lang.management.ManagementFactory;

/**
 * CPU time consumed by this process, all threads together (libtorch's intra-op threads included), in
 * nanoseconds. Next to wall time it tells a busy machine apart from slow code: on a machine shared with other
 * work, wall time far above CPU time / threads means the process waited for a core; CPU time far above wall
 * time * threads cannot happen. Spinning OpenMP threads count as CPU time.
 */
public final class CpuClock {
    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {
    }

    /** Process CPU time in nanoseconds, or -1 where the JVM does not report it. */
    public static long nanos() {
        if (OS instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
