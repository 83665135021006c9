package io.heraldo.status;

import java.util.LinkedHashMap;
import java.util.Map;

import io.heraldo.event.ComponentStatus;

/** How an incident moves its components. Plain functions over values, no storage. */
public final class IncidentRules {

    private IncidentRules() {
    }

    /**
     * The reported status of each of an incident's components once it closes: what the closing event says for it,
     * else the worst status another open incident still gives it, else {@code operational}.
     *
     * @param incidentComponents the components the incident touched
     * @param given statuses the closing event names explicitly
     * @param stillClaimed for components another open incident touches, the worst status those incidents give it
     */
    public static Map<String, ComponentStatus> onClose(Iterable<String> incidentComponents,
            Map<String, ComponentStatus> given, Map<String, ComponentStatus> stillClaimed) {
        Map<String, ComponentStatus> after = new LinkedHashMap<>();
        for (String component : incidentComponents) {
            ComponentStatus status = given.get(component);
            if (status == null) {
                status = stillClaimed.getOrDefault(component, ComponentStatus.OPERATIONAL);
            }
            after.put(component, status);
        }
        given.forEach(after::putIfAbsent);
        return after;
    }
}
