package io.lagzero.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** The CPU time each thread of a process has used, from Linux's {@code /proc/<pid>/task/*}/stat (10 ms ticks). */
public final class ThreadTicks {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ThreadTicks() {
    }

    /** User and system CPU nanoseconds per thread, keyed "tid name"; empty where there is no /proc. */
    public static Map<String, Long> of(long pid) {
        Map<String, Long> nanos = new HashMap<>();
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                nanos.put(thread.getFileName() + " " + name, (Long.parseLong(fields[11]) + Long.parseLong(fields[12]))
                        * NANOS_PER_TICK);
            }
        } catch (IOException e) {
            // not Linux
        }
        return nanos;
    }

    /** Whether a thread (as {@link #of} names it) is one of the JIT compiler's. */
    public static boolean isCompiler(String thread) {
        return thread.contains("CompilerThre");
    }

    /** Whether a thread (as {@link #of} names it) is one of the garbage collector's. */
    public static boolean isGc(String thread) {
        String name = thread.substring(thread.indexOf(' ') + 1);
        return name.startsWith("GC Thread") || name.startsWith("G1 ");
    }
}
