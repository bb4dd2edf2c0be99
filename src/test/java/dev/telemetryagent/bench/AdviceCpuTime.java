package dev.telemetryagent.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * The cost of a call beyond the cap in the calling thread's CPU time rather than wall time: on a machine
 * shared with other work, JMH's average time counts the time the thread waits for a processor, thread
 * CPU time does not. Same classes as {@link AdviceBenchmark}: 5 warm-up rounds of 20,000,000 calls, then
 * 7 measured rounds of 50,000,000 of the plain and the woven call in alternation; prints min and median
 * ns per call. Run with {@code bench/advice-cpu}.
 */
public final class AdviceCpuTime {
    private static long sink;

    private AdviceCpuTime() {
    }

    private static double nanosPerCall(IntBinaryOperator op, int calls) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += op.applyAsInt(1, i);
        }
        sink += sum;
        return (mx.getCurrentThreadCpuTime() - start) / (double) calls;
    }

    public static void main(String[] args) throws Exception {
        AdviceBenchmark.BeyondCap s = new AdviceBenchmark.BeyondCap();
        s.setUp();
        for (int k = 0; k < 5; k++) {
            nanosPerCall(s.plain, 20_000_000);
            nanosPerCall(s.woven, 20_000_000);
        }
        double[] plain = new double[7];
        double[] woven = new double[7];
        for (int k = 0; k < 7; k++) {
            plain[k] = nanosPerCall(s.plain, 50_000_000);
            woven[k] = nanosPerCall(s.woven, 50_000_000);
        }
        Arrays.sort(plain);
        Arrays.sort(woven);
        System.out.printf("thread CPU ns per call: plain min %.2f median %.2f; beyond the cap min %.2f median %.2f"
                + " (sink %d)%n", plain[0], plain[3], woven[0], woven[3], sink & 1);
    }
}
