package dev.aistudio.image.job;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads an image's bytes (or its thumbnail's) for its owner only; the gallery never touches this table. */
@ApplicationScoped
public class ImageBytes {

    private final Pool pool;

    public ImageBytes(Pool pool) {
        this.pool = pool;
    }

    public record Stored(byte[] bytes, String contentType, String etag) {
    }

    public Uni<Stored> content(UUID id, UUID ownerId) {
        return read("b.content", "j.content_type", "j.sha256", id, ownerId);
    }

    public Uni<Stored> thumbnail(UUID id, UUID ownerId) {
        return read("b.thumbnail", "b.thumbnail_type", "j.sha256 || '-thumb'", id, ownerId);
    }

    private Uni<Stored> read(String bytes, String type, String etag, UUID id, UUID ownerId) {
        return pool.preparedQuery("select " + bytes + " as bytes, " + type + " as type, " + etag + " as etag "
                + "from image_blobs b join image_jobs j on j.id = b.job_id where j.id = $1 and j.owner_id = $2")
                .execute(Tuple.of(id, ownerId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Stored(row.getBuffer("bytes").getBytes(), row.getString("type"), row.getString("etag"));
                });
    }
}
