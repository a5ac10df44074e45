package dev.aistudio.chat.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One model of the catalog. {@code id} is what clients send; {@code upstreamId} is what the provider is asked for
 * (they differ only when two providers serve the same id). {@code unavailableReason} says why a model that is not
 * available is not (absent when it is).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelEntry(String id, String name, String family, String provider, Integer contextLength,
        boolean available, boolean offline, String description, String unavailableReason,
        @JsonIgnore String upstreamId) {

    /** The catalog file's shape: the fields a person writes. */
    public record Declared(String id, String name, String family, String provider, Integer contextLength,
            String description, String upstreamId) {
    }
}
