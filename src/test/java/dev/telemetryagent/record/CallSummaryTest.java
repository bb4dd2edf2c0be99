package dev.telemetryagent.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telemetryagent.config.AgentConfig;
import dev.telemetryagent.config.ConfigReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Calls beyond the cap: exact counts from many threads, and the sampled time's estimator fed known
 * durations (deterministic: the durations and the sampling seeds are fixed, nothing is timed).
 */
class CallSummaryTest {
    private static final int CALLS = 1_000_000;

    private static MethodSite[] oneSite() throws Exception {
        AgentConfig config = new ConfigReader("/tmp").read("t.toml",
                "[app]\nname = \"t\"\n[[instrument]]\nclass = \"x.Job\"\nmethods = [\"run\"]\n");
        return new MethodSite[] {new MethodSite(0, config.instruments().get(0), "run")};
    }

    /** Feeds {@code calls} known durations through one thread's tally, as the recorder does. */
    private static CallSummary.Snapshot estimate(long seed, int calls, LongUnaryOperator duration,
            long[] trueTotal) throws Exception {
        CallSummary summary = new CallSummary(oneSite());
        ThreadTally tally = new ThreadTally(Thread.currentThread(), 1, seed);
        summary.register(tally);
        long total = 0;
        for (int i = 0; i < calls; i++) {
            long d = duration.applyAsLong(i);
            total += d;
            if (tally.untimed(0)) {
                tally.count(0, false);
            } else {
                tally.count(0, false, d, tally.weightOfTimed(0));
            }
        }
        trueTotal[0] = total;
        return summary.drain().get(0);
    }

    private static void assertWithinFivePercent(String workload, LongUnaryOperator duration) throws Exception {
        for (long seed = 1; seed <= 10; seed++) {
            long[] truth = new long[1];
            CallSummary.Snapshot s = estimate(seed * 0x5DEECE66DL, CALLS, duration, truth);
            double error = Math.abs((double) s.totalNanos() - truth[0]) / truth[0];
            assertTrue(error <= 0.05, workload + ", seed " + seed + ": estimate " + s.totalNanos() + " vs "
                    + truth[0] + " (" + error + ")");
            assertEquals(CALLS, s.count(), "the count is exact");
            assertTrue(s.sampled());
            // About one call in SAMPLE_EVERY is timed.
            assertTrue(s.samples() > CALLS / ThreadTally.SAMPLE_EVERY * 9 / 10
                    && s.samples() < CALLS / ThreadTally.SAMPLE_EVERY * 11 / 10, "samples " + s.samples());
        }
    }

    @Test
    void estimatedTotalIsWithinFivePercentOnKnownWorkloads() throws Exception {
        assertWithinFivePercent("constant", i -> 2_000L);
        Random uniform = new Random(42);
        long[] uniformDurations = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            uniformDurations[i] = 100L + uniform.nextInt(100_000);
        }
        assertWithinFivePercent("uniform", i -> uniformDurations[(int) i]);
        Random exponential = new Random(7);
        long[] exponentialDurations = new long[CALLS];
        for (int i = 0; i < CALLS; i++) {
            exponentialDurations[i] = 1L + (long) (-Math.log(1.0 - exponential.nextDouble()) * 5_000);
        }
        assertWithinFivePercent("exponential", i -> exponentialDurations[(int) i]);
        // A periodic workload in step with any fixed sampling period: one call in every 64 ten times slower.
        assertWithinFivePercent("one slow call in 64", i -> i % 64 == 0 ? 10_000L : 1_000L);
        assertWithinFivePercent("alternating", i -> (i & 1) == 0 ? 100L : 10_000L);
        assertWithinFivePercent("slowing down", i -> 1_000L + i / 10);
    }

    @Test
    void theFirstCallsOfAThreadAreTimedExactly() throws Exception {
        long[] truth = new long[1];
        CallSummary.Snapshot s = estimate(3, (int) ThreadTally.EXACT_CALLS, i -> 1_000L + i * 7, truth);
        assertEquals(truth[0], s.totalNanos());
        assertFalse(s.sampled());
        assertEquals(ThreadTally.EXACT_CALLS, s.samples());
        assertEquals(1_000L, s.minNanos());
        assertEquals(1_000L + (ThreadTally.EXACT_CALLS - 1) * 7, s.maxNanos());
    }

    @Test
    void eachSnapshotHoldsWhatWasAddedSinceThePreviousOne() throws Exception {
        CallSummary summary = new CallSummary(oneSite());
        ThreadTally tally = new ThreadTally(Thread.currentThread(), 1, 9);
        summary.register(tally);
        tally.count(0, true, 10L, 1L);
        tally.count(0, false);
        assertEquals(2, summary.drain().get(0).count());
        assertTrue(summary.drain().isEmpty());
        tally.count(0, true);
        CallSummary.Snapshot s = summary.drain().get(0);
        assertEquals(1, s.count());
        assertEquals(1, s.failures());
        assertEquals(0, s.samples());
    }

    @Test
    void countsAreExactFromManyThreadsAndEndedThreadsAreFolded() throws Exception {
        Recorder r = new Recorder(oneSite(), 0, false, JvmInstrumentation.get());
        int threads = 8;
        int perThread = 200_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    long token = r.enter(0);
                    // Recursion counts once; every 10th call fails.
                    assertEquals(0L, r.enter(0));
                    r.exitNested(0);
                    r.exitCounted(0, token, null, null, i % 10 == 0 ? new IllegalStateException() : null);
                }
            });
            thread.start();
            started.add(thread);
        }
        start.countDown();
        for (Thread t : started) {
            t.join();
        }
        // Many short-lived threads, one call each: the register keeps only the live ones.
        for (int t = 0; t < 1_000; t++) {
            Thread thread = new Thread(() -> r.exitCounted(0, r.enter(0), null, null, null));
            thread.start();
            thread.join();
        }
        List<CallSummary.Snapshot> summaries = r.drainSummaries();
        assertEquals(1, summaries.size());
        assertEquals((long) threads * perThread + 1_000, summaries.get(0).count());
        assertEquals((long) threads * perThread / 10, summaries.get(0).failures());
        assertTrue(summaries.get(0).samples() > 0);
        assertTrue(summaries.get(0).sampled());
    }

    @Test
    void theRegisterIsBoundedByLiveThreads() throws Exception {
        CallSummary summary = new CallSummary(oneSite());
        for (int t = 0; t < 1_000; t++) {
            Thread thread = new Thread(() -> { });
            thread.start();
            thread.join();
            ThreadTally tally = new ThreadTally(thread, 1, t);
            tally.count(0, false);
            summary.register(tally);
        }
        assertTrue(summary.registered() <= 16, "registered " + summary.registered());
        assertEquals(1_000, summary.drain().get(0).count());
    }
}
