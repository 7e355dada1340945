package io.rafka.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Pipelined requests of one connection must start in arrival order and never overlap: otherwise two
 * produce requests from one idempotent producer can be appended in the wrong order.
 */
class SerialExecutorTest {

    @Test
    void tasksOfOneConnectionRunInArrivalOrderWithoutOverlapOnAManyThreadPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            SerialExecutor connection = new SerialExecutor(pool);
            List<Integer> ran = new CopyOnWriteArrayList<>();
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            int tasks = 2_000;
            for (int i = 0; i < tasks; i++) {
                int id = i;
                connection.execute(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    ran.add(id);
                    running.decrementAndGet();
                });
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ran.size() == tasks);
            assertThat(maxRunning.get()).isEqualTo(1);
            for (int i = 0; i < tasks; i++) {
                assertThat(ran.get(i)).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoConnectionsProceedIndependently() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            SerialExecutor first = new SerialExecutor(pool);
            SerialExecutor second = new SerialExecutor(pool);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            AtomicInteger secondRan = new AtomicInteger();
            first.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            second.execute(secondRan::incrementAndGet);
            await().atMost(Duration.ofSeconds(10)).until(() -> secondRan.get() == 1);
            release.countDown();
        } finally {
            pool.shutdownNow();
        }
    }
}
