package io.heraldo.site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.heraldo.site.Statuspage.Component;

/** Shapes for the HTML page. */
public final class PageView {

    private PageView() {
    }

    /** A group of components; the components without a group form one group with no name. */
    public record Group(String name, String status, List<Component> components) {
    }

    public static List<Group> groups(List<Component> components) {
        Map<String, Component> groupRows = new LinkedHashMap<>();
        Map<String, List<Component>> members = new LinkedHashMap<>();
        List<Component> ungrouped = new ArrayList<>();
        for (Component component : components) {
            if (component.group()) {
                groupRows.put(component.id(), component);
                members.put(component.id(), new ArrayList<>());
            } else if (component.groupId() != null) {
                members.computeIfAbsent(component.groupId(), k -> new ArrayList<>()).add(component);
            } else {
                ungrouped.add(component);
            }
        }
        List<Group> groups = new ArrayList<>();
        if (!ungrouped.isEmpty()) {
            groups.add(new Group(null, null, ungrouped));
        }
        groupRows.forEach((id, row) -> groups.add(new Group(row.name(), row.status(), members.get(id))));
        return groups;
    }
}
