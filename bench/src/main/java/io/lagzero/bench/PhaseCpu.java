package io.lagzero.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * This JVM's CPU time over a phase ({@code ProcessCpuTime}), and how much of it went to the JIT
 * compiler, the garbage collector, and the threads that were running before the phase: the Kafka
 * broker, which runs inside this JVM, and the harness itself. Threads are read from Linux's
 * {@code /proc/self/task}; elsewhere only the total is known.
 */
final class PhaseCpu {
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** CPU nanoseconds over the phase; {@code brokerNanos}: threads older than the phase, JIT and GC aside. */
    record Used(long totalNanos, long compilerNanos, long gcNanos, long brokerNanos) {
    }

    private final long totalBefore = processCpuNanos();
    private final Map<String, Long> threadsBefore = threadTicks();

    static PhaseCpu start() {
        return new PhaseCpu();
    }

    Used used() {
        long total = processCpuNanos() - totalBefore;
        long compiler = 0;
        long gc = 0;
        long broker = 0;
        for (Map.Entry<String, Long> thread : threadTicks().entrySet()) {
            String name = thread.getKey().substring(thread.getKey().indexOf(' ') + 1);
            long nanos = (thread.getValue() - threadsBefore.getOrDefault(thread.getKey(), 0L)) * NANOS_PER_TICK;
            if (name.contains("CompilerThre")) {
                compiler += nanos;
            } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
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

    /** User and system clock ticks per thread, keyed "tid name". */
    private static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> threads = Files.list(TASKS)) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks.put(thread.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
            }
        } catch (IOException e) {
            // not Linux
        }
        return ticks;
    }
}
