package io.lagzero.bench;

import com.sun.management.OperatingSystemMXBean;
import io.lagzero.testkit.ThreadTicks;
import java.lang.management.ManagementFactory;
import java.util.Map;

/**
 * This JVM's CPU time over a phase ({@code ProcessCpuTime}), and how much of it went to the JIT
 * compiler, the garbage collector, and the threads that were running before the phase: the Kafka
 * broker, which runs inside this JVM, and the harness itself. Threads are read from Linux's
 * {@code /proc/self/task}; elsewhere only the total is known.
 */
final class PhaseCpu {

    /** CPU nanoseconds over the phase; {@code brokerNanos}: threads older than the phase, JIT and GC aside. */
    record Used(long totalNanos, long compilerNanos, long gcNanos, long brokerNanos) {
    }

    private final long totalBefore = processCpuNanos();
    private final Map<String, Long> threadsBefore = threadNanos();

    static PhaseCpu start() {
        return new PhaseCpu();
    }

    Used used() {
        long total = processCpuNanos() - totalBefore;
        long compiler = 0;
        long gc = 0;
        long broker = 0;
        for (Map.Entry<String, Long> thread : threadNanos().entrySet()) {
            long nanos = thread.getValue() - threadsBefore.getOrDefault(thread.getKey(), 0L);
            if (ThreadTicks.isCompiler(thread.getKey())) {
                compiler += nanos;
            } else if (ThreadTicks.isGc(thread.getKey())) {
                gc += nanos;
            } else if (threadsBefore.containsKey(thread.getKey())) {
                broker += nanos;
            }
        }
        return new Used(total, compiler, gc, broker);
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, Long> threadNanos() {
        return ThreadTicks.of(ProcessHandle.current().pid());
    }
}
