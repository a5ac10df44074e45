package dev.aistudio.image.job;

import java.time.Instant;
import java.util.UUID;

/** A job as the API shows it: the request, its state and, once done, where its image is. */
public record JobView(UUID id, JobStatus status, String model, String provider, boolean offline, String prompt,
        String negativePrompt, int width, int height, Integer steps, Double guidance, long seed, int attempts,
        Instant createdAt, Instant startedAt, Instant finishedAt, Integer generationMs, Error error,
        String contentType, Integer byteSize, String contentUrl, String thumbnailUrl) {

    public record Error(String code, String detail) {
    }

    public static JobView of(ImageJob job) {
        boolean done = job.status == JobStatus.succeeded;
        String base = "/api/images/" + job.id;
        Error error = job.errorCode == null ? null : new Error(job.errorCode, job.errorDetail);
        return new JobView(job.id, job.status, job.model, job.provider, "offline".equals(job.provider), job.prompt,
                job.negativePrompt, job.width, job.height, job.steps, job.guidance, job.seed, job.attempts,
                job.createdAt, job.startedAt, job.finishedAt, job.generationMs, error,
                done ? job.contentType : null, done ? job.byteSize : null,
                done ? base + "/content" : null, done ? base + "/thumbnail" : null);
    }
}
