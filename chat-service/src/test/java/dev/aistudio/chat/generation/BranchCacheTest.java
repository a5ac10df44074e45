package dev.aistudio.chat.generation;

import static dev.aistudio.chat.generation.ReplyStreamTest.conversation;
import static dev.aistudio.chat.generation.ReplyStreamTest.lastSeen;
import static dev.aistudio.chat.generation.ReplyStreamTest.messages;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.aistudio.chat.provider.ChatTurn;
import dev.aistudio.chat.testing.SseClient;
import dev.aistudio.chat.testing.SseClient.Event;
import dev.aistudio.chat.testing.TestIssuer;
import dev.aistudio.testing.EmbeddedPostgresResource;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A reply start skips reading its conversation when this replica knows it ({@link BranchCache}); what another replica
 * changed meanwhile (simulated here by writing the rows directly, as it would) must still reach the next reply.
 */
@QuarkusTest
class BranchCacheTest {

    private final UUID user = UUID.randomUUID();
    private final String token = TestIssuer.token(user);

    @Inject
    BranchCache branches;

    @Inject
    ReplyStarts starts;

    @Test
    void aNewConversationAndEachEndedReplyAreKnownSoTheNextStartNeedsNoRead() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\",\"systemPrompt\":\"Be brief.\"}");
        UUID id = UUID.fromString(conversation);
        ReplyStarts.Context fresh = branches.forNextReply(id, user, null);
        assertNotNull(fresh, "a conversation created here is cached");
        assertEquals(List.of(), fresh.branch());
        assertEquals("Be brief.", fresh.conversation().systemPrompt());
        assertNull(branches.forNextReply(id, UUID.randomUUID(), null), "never for another owner");

        String replyId = send(conversation, "One").getJsonObject("message").getString("id");
        // the reply's end joins the branch once stored (after the done event)
        await().atMost(Duration.ofSeconds(10)).until(() -> branches.forNextReply(id, user, null) != null);
        ReplyStarts.Context next = branches.forNextReply(id, user, null);
        assertEquals(UUID.fromString(replyId), next.currentLeaf());
        assertEquals(List.of(new ChatTurn("user", "One"), new ChatTurn("assistant", "Hello from the stub.")),
                next.branch());
        assertEquals(next, branches.forNextReply(id, user, UUID.fromString(replyId)), "also when the leaf is named");
        assertNull(branches.forNextReply(id, user, UUID.randomUUID()), "not for another parent");

        String marker = "Two " + UUID.randomUUID();
        send(conversation, marker);
        assertEquals(List.of("system", "user", "assistant", "user"), roles(lastSeen("stub-echo", marker).body()));

        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"title\":\"Renamed\"}")
                .patch("/api/chat/conversations/" + conversation).then().statusCode(200);
        assertNull(branches.forNextReply(id, user, null), "a change here drops it");
    }

    @Test
    void aSystemPromptChangedOnAnotherReplicaIsSentWithTheNextReply() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        send(conversation, "One");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> branches.forNextReply(UUID.fromString(conversation), user, null) != null);
        // what a PATCH through another replica writes; this replica's cache does not know it
        EmbeddedPostgresResource.execute("studio_chat", "update conversations set system_prompt = 'Changed elsewhere.'"
                + " where id = '" + conversation + "'");
        String marker = "Two " + UUID.randomUUID();
        send(conversation, marker);
        JsonArray sent = lastSeen("stub-echo", marker).body().getJsonArray("messages");
        assertEquals("system", sent.getJsonObject(0).getString("role"));
        assertEquals("Changed elsewhere.", sent.getJsonObject(0).getString("content"));
        assertEquals(4, sent.size());
    }

    @Test
    void aMessageAddedThroughAnotherReplicaIsInTheNextContext() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        String firstReply = send(conversation, "One").getJsonObject("message").getString("id");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> branches.forNextReply(UUID.fromString(conversation), user, null) != null);
        // another replica answered a message meanwhile: two rows below the leaf, and the leaf moved
        UUID otherUser = UUID.randomUUID();
        UUID otherReply = UUID.randomUUID();
        EmbeddedPostgresResource.execute("studio_chat", "insert into messages (id, conversation_id, owner_id, parent_id,"
                + " role, content, status, created_at) values ('" + otherUser + "', '" + conversation + "', '" + user
                + "', '" + firstReply + "', 'user', 'Asked elsewhere', 'complete', now()), ('" + otherReply + "', '"
                + conversation + "', '" + user + "', '" + otherUser + "', 'assistant', 'Answered elsewhere', 'complete',"
                + " now()); update conversations set current_leaf_id = '" + otherReply + "' where id = '"
                + conversation + "'");
        String marker = "Two " + UUID.randomUUID();
        JsonObject done = send(conversation, marker);
        List<String> contents = lastSeen("stub-echo", marker).body().getJsonArray("messages").stream()
                .map(m -> ((JsonObject) m).getString("content")).toList();
        assertEquals(List.of("One", "Hello from the stub.", "Asked elsewhere", "Answered elsewhere", marker), contents);
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then()
                .body("messages[4].parentId", is(otherReply.toString()))
                .body("messages[5].id", is(done.getJsonObject("message").getString("id")));
    }

    @Test
    void anotherUsersMessageToACachedConversationIs404AndWritesNothing() {
        String conversation = conversation(token, "{\"model\":\"stub-echo\"}");
        String stranger = TestIssuer.token(UUID.randomUUID());
        given().auth().oauth2(stranger).contentType(ContentType.JSON).body("{\"content\":\"Mine now\"}")
                .post(messages(conversation)).then().statusCode(404).body("code", is("not_found"));
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then().statusCode(200)
                .body("messages.size()", is(0));
    }

    @Test
    void theLimitHoldsWhenStartsOfOneOwnerRaceOnSeveralReplicas() throws Exception {
        // Starts written straight to the database (past this replica's own count, as starts on other replicas are),
        // all sent while the owner's lock is held elsewhere, so that they all wait for it together: each must count
        // the replies of those let through before it, exactly the limit get through.
        int limit = 3;
        List<UUID> conversations = IntStream.range(0, 10)
                .mapToObj(i -> UUID.fromString(conversation(token, "{\"model\":\"stub-echo\"}"))).toList();
        List<Object> results;
        try (Connection holder = EmbeddedPostgresResource.server().getDatabase("postgres", "studio_chat")
                .getConnection(); Statement lock = holder.createStatement()) {
            lock.execute("select pg_advisory_lock(hashtextextended('" + user + "', 0))");
            List<Uni<Object>> writes = new ArrayList<>();
            for (UUID conversation : conversations) {
                writes.add(starts.insert(new ReplyStarts.NewReply(user, conversation, null, "Race", true, null,
                        "stub-echo", "openai", "Race", limit, UUID.randomUUID(), Duration.ofSeconds(30), null))
                        .<Object>map(started -> started).onFailure().recoverWithItem(failure -> failure));
            }
            Uni<List<Object>> all = Uni.join().all(writes).andCollectFailures().memoize().indefinitely();
            all.subscribe().with(ignored -> {
            }, ignored -> {
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAdvisoryLocks(lock) >= conversations.size());
            lock.execute("select pg_advisory_unlock(hashtextextended('" + user + "', 0))");
            results = all.await().atMost(Duration.ofSeconds(30));
        }
        long admitted = results.stream().filter(r -> r instanceof ReplyStore.Started).count();
        assertEquals(limit, admitted, results.toString());
        results.stream().filter(r -> !(r instanceof ReplyStore.Started)).forEach(r -> {
            HttpProblem problem = assertInstanceOf(HttpProblem.class, r);
            assertEquals(429, problem.getStatusCode());
        });
        EmbeddedPostgresResource.execute("studio_chat", "update messages set status = 'stopped' where owner_id = '"
                + user + "' and status = 'streaming'");
    }

    private static long waitingForAdvisoryLocks(Statement statement) throws Exception {
        try (ResultSet rows = statement.executeQuery("select count(*) from pg_locks where locktype = 'advisory'"
                + " and not granted")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aCachedStartThatFindsTheConversationChangedIsRefusedAsStaleAndWritesNothing() {
        UUID conversation = UUID.fromString(conversation(token, "{\"model\":\"stub-echo\"}"));
        ReplyStarts.Context cached = branches.forNextReply(conversation, user, null);
        assertNotNull(cached);
        EmbeddedPostgresResource.execute("studio_chat", "update conversations set title = 'Elsewhere' where id = '"
                + conversation + "'");
        Throwable failure = starts.insert(new ReplyStarts.NewReply(user, conversation, null, "Hi", true, null,
                "stub-echo", "openai", "Hi", 3, UUID.randomUUID(), Duration.ofSeconds(30), cached.version()))
                .map(started -> (Throwable) null).onFailure().recoverWithItem(f -> f)
                .await().atMost(Duration.ofSeconds(30));
        assertInstanceOf(ReplyStarts.StaleContext.class, failure);
        given().auth().oauth2(token).get("/api/chat/conversations/" + conversation).then()
                .body("messages.size()", is(0)).body("title", is("Elsewhere"));
        // and a send, whose cached context is stale, still goes through by reading afresh
        JsonObject done = send(conversation.toString(), "Hi");
        assertEquals("complete", done.getJsonObject("message").getString("status"));
    }

    private static List<String> roles(JsonObject body) {
        return body.getJsonArray("messages").stream().map(m -> ((JsonObject) m).getString("role")).toList();
    }

    /** Posts a message and reads its stream to the end; answers the done event's data. */
    private JsonObject send(String conversation, String content) {
        try (SseClient stream = SseClient.post(messages(conversation), token,
                new JsonObject().put("content", content).encode())) {
            assertEquals(200, stream.status(), () -> stream.body());
            List<Event> events = stream.rest();
            Event last = events.get(events.size() - 1);
            assertEquals("done", last.name(), last.data());
            return last.json();
        }
    }
}
