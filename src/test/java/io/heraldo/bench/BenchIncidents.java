package io.heraldo.bench;

import java.util.Map;

import io.heraldo.TestKafka;

/** The incidents the webhook and chat fan-out benchmarks publish: one {@code incident.opened} each, on one component. */
final class BenchIncidents {

    private BenchIncidents() {
    }

    /** {@code count} incidents opened on the component, each publish time noted by incident id. */
    static void open(String component, String prefix, int count, Map<String, Long> publishedAt) {
        for (int e = 0; e < count; e++) {
            String incident = prefix + "-" + component + "-" + e;
            publishedAt.put(incident, System.nanoTime());
            TestKafka.publishStructured(incident, """
                    {"specversion": "1.0", "id": "%1$s-1", "source": "/bench", "type": "incident.opened",
                     "data": {"incident": {"id": "%1$s", "title": "Bench", "status": "investigating",
                              "impact": "major", "components": {"%2$s": "major_outage"}},
                              "update": {"body": "Benchmark incident."}}}""".formatted(incident, component));
        }
    }
}
