package dev.aistudio.chat.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A conversation's messages as a tree: the branch through a message, and each message's versions. */
public final class MessageTree {

    private final Map<UUID, Message> byId = new HashMap<>();
    private final Map<UUID, List<Message>> children = new HashMap<>();

    /** @param messages the conversation's messages, oldest first */
    public MessageTree(List<Message> messages) {
        for (Message m : messages) {
            byId.put(m.id, m);
            children.computeIfAbsent(m.parentId, k -> new ArrayList<>()).add(m);
        }
    }

    public boolean contains(UUID id) {
        return byId.containsKey(id);
    }

    /** From the root down to {@code leafId}, each with its siblings; empty when there is no such message. */
    public List<MessageView> branch(UUID leafId) {
        List<MessageView> branch = new ArrayList<>();
        for (Message m = byId.get(leafId); m != null; m = m.parentId == null ? null : byId.get(m.parentId)) {
            List<UUID> siblings = children.getOrDefault(m.parentId, List.of()).stream().map(s -> s.id).toList();
            branch.add(MessageView.of(m, siblings));
        }
        Collections.reverse(branch);
        return branch;
    }

    /** The newest leaf below {@code id}, following the newest child at each step: the branch a switch lands on. */
    public UUID newestLeafBelow(UUID id) {
        UUID current = id;
        while (true) {
            List<Message> below = children.get(current);
            if (below == null || below.isEmpty()) {
                return current;
            }
            current = below.get(below.size() - 1).id;
        }
    }
}
