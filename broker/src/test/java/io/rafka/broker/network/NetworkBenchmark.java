package io.rafka.broker.network;

import io.rafka.common.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Measures the network layer alone: small requests (Heartbeat) answered at once by a trivial
 * handler, over loopback, by {@code connections} client threads each keeping {@code window}
 * requests in flight. Prints requests/s and latency percentiles. Not a test: run it by hand.
 *
 * <pre>
 * mvn -B -q -o -pl broker test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.rafka.broker.network.NetworkBenchmark -Dexec.args="4 8 10"
 * </pre>
 * Arguments: connections (4), window per connection (8), seconds (10).
 */
public final class NetworkBenchmark {

    private NetworkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        ApiHandler immediate = new ApiHandler() {
            @Override
            public ApiKeys apiKey() {
                return ApiKeys.HEARTBEAT;
            }

            @Override
            public CompletableFuture<AbstractResponse> handle(RequestContext context, AbstractRequest request) {
                return CompletableFuture.completedFuture(new HeartbeatResponse(new HeartbeatResponseData()));
            }
        };
        try (KafkaServer server = new KafkaServer(NetworkSettings.loopbackEphemeral().withMaxInflightRequestsPerConnection(
                Math.max(16, window)), ApiHandlerRegistry.builder().register(immediate).build(), Time.SYSTEM)) {
            server.start();
            InetSocketAddress address = server.boundAddress("PLAINTEXT");
            run(address, connections, window, 2, false); // warm-up
            run(address, connections, window, seconds, true);
        }
    }

    private static void run(InetSocketAddress address, int connections, int window, int seconds, boolean report)
            throws Exception {
        long deadlineNs = System.nanoTime() + seconds * 1_000_000_000L;
        List<CompletableFuture<long[]>> results = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            CompletableFuture<long[]> result = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    result.complete(drive(address, window, deadlineNs));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }, "bench-client-" + c);
            thread.start();
            results.add(result);
        }
        List<long[]> perConnection = new ArrayList<>();
        for (CompletableFuture<long[]> result : results) {
            perConnection.add(result.get());
        }
        long[] all = perConnection.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        if (report) {
            System.out.printf("connections=%d window=%d seconds=%d requests=%d rate=%.0f req/s "
                    + "latency p50=%.1f us p99=%.1f us p99.9=%.1f us max=%.1f us%n",
                connections, window, seconds, all.length, all.length / (double) seconds,
                percentileUs(all, 0.50), percentileUs(all, 0.99), percentileUs(all, 0.999), all[all.length - 1] / 1e3);
        }
    }

    /** One connection, {@code window} requests in flight; returns each request's latency in ns. */
    private static long[] drive(InetSocketAddress address, int window, long deadlineNs) {
        HeartbeatRequest request = new HeartbeatRequest.Builder(
            new HeartbeatRequestData().setGroupId("bench").setMemberId("m")).build((short) 4);
        long[] latencies = new long[1 << 16];
        int count = 0;
        try (WireClient client = new WireClient(address)) {
            ArrayDeque<RequestHeader> headers = new ArrayDeque<>();
            ArrayDeque<Long> sentAtNs = new ArrayDeque<>();
            for (int i = 0; i < window; i++) {
                sentAtNs.add(System.nanoTime());
                headers.add(client.send(request));
            }
            while (!headers.isEmpty()) {
                client.receive(headers.poll());
                long now = System.nanoTime();
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = now - sentAtNs.poll();
                if (now < deadlineNs) {
                    sentAtNs.add(System.nanoTime());
                    headers.add(client.send(request));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.copyOf(latencies, count);
    }

    private static double percentileUs(long[] sortedNs, double quantile) {
        int index = (int) Math.min(sortedNs.length - 1, Math.floor(quantile * sortedNs.length));
        return sortedNs[index] / 1e3;
    }
}
