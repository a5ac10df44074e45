package dev.aistudio.image.job;

/** A generation job's life: queued -> running -> succeeded | failed, or cancelled from queued or running. */
public enum JobStatus {
    queued, running, succeeded, failed, cancelled;

    public boolean isActive() {
        return this == queued || this == running;
    }
}
