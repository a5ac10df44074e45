package dev.aistudio.image.model;

/**
 * A text-to-image model and what it accepts. {@code offline} marks the built-in placeholder, which is not AI.
 */
public record ImageModel(String id, String name, String family, String provider, String description,
        boolean available, boolean offline, Parameters parameters) {

    /** The ranges the request is checked against; a null range means the model takes no such parameter. */
    public record Parameters(IntRange width, IntRange height, IntRange steps, DoubleRange guidance,
            boolean negativePrompt, boolean seed) {
    }

    public record IntRange(int min, int max, Integer step, int defaultValue) {
        @com.fasterxml.jackson.annotation.JsonProperty("default")
        public int defaultValue() {
            return defaultValue;
        }
    }

    public record DoubleRange(double min, double max, double defaultValue) {
        @com.fasterxml.jackson.annotation.JsonProperty("default")
        public double defaultValue() {
            return defaultValue;
        }
    }

    ImageModel withAvailability(boolean available) {
        return new ImageModel(id, name, family, provider, description, available, offline, parameters);
    }
}
