package dev.aistudio.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkiverse.resteasy.problem.HttpProblem;

class PathIdsTest {

    @Test
    void anIdIsReadAndAnythingElseIsTheNotFoundOfItsKind() {
        UUID id = UUID.randomUUID();
        assertEquals(id, PathIds.uuid(id.toString(), () -> Problems.notFound("conversation")));
        for (String segment : new String[] { "not-a-uuid", "", "1", id + "0", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", null }) {
            HttpProblem problem = assertThrows(HttpProblem.class,
                    () -> PathIds.uuid(segment, () -> Problems.notFound("conversation")), String.valueOf(segment));
            assertEquals(404, problem.getStatusCode());
            assertEquals("not_found", problem.getParameters().get("code"));
            assertEquals("No conversation with this id.", problem.getDetail());
        }
        HttpProblem own = Problems.of(404, "session_not_found", "Not found", "No such session.");
        assertSame(own, assertThrows(HttpProblem.class, () -> PathIds.uuid("x", () -> own)));
    }
}
