package dev.aistudio.image.provider.offline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.image.config.ImageConfig;
import dev.aistudio.image.job.ImageJob;
import dev.aistudio.image.model.ModelCatalog;
import dev.aistudio.image.provider.ImageProvider;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * No AI: a deterministic pattern of soft shapes drawn from the prompt and seed, with a banner that says it is an
 * offline placeholder. The same request always gives the same picture. It lets the studio run without network.
 */
@ApplicationScoped
public class OfflineProvider implements ImageProvider {

    private final ImageConfig config;
    private final Vertx vertx;

    public OfflineProvider(ImageConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    @Override
    public String name() {
        return ModelCatalog.OFFLINE;
    }

    @Override
    public Uni<GeneratedImage> generate(ImageJob job) {
        Uni<GeneratedImage> draw = vertx.executeBlocking(Uni.createFrom().item(() -> new GeneratedImage(
                render(job.prompt, job.seed, job.width, job.height), "image/png")), false);
        return config.offlineDelay().isZero() ? draw
                : Uni.createFrom().voidItem().onItem().delayIt().by(config.offlineDelay()).flatMap(v -> draw);
    }

    static byte[] render(String prompt, long seed, int width, int height) {
        Random random = new Random(seed * 31 + prompt.hashCode());
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float hue = random.nextFloat();
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.45f, 0.30f), width, height,
                    Color.getHSBColor((hue + 0.25f) % 1f, 0.55f, 0.12f)));
            g.fillRect(0, 0, width, height);
            int shapes = 14 + random.nextInt(10);
            for (int i = 0; i < shapes; i++) {
                Color c = Color.getHSBColor((hue + random.nextFloat() * 0.4f) % 1f, 0.5f + random.nextFloat() * 0.4f,
                        0.6f + random.nextFloat() * 0.4f);
                g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40 + random.nextInt(90)));
                int size = (int) (Math.min(width, height) * (0.08 + random.nextDouble() * 0.4));
                int x = random.nextInt(Math.max(1, width)) - size / 2;
                int y = random.nextInt(Math.max(1, height)) - size / 2;
                if (random.nextBoolean()) {
                    g.fillOval(x, y, size, size);
                } else {
                    g.setStroke(new BasicStroke(2f + random.nextInt(6)));
                    g.drawOval(x, y, size, size);
                }
            }
            banner(g, prompt, width, height);
        } finally {
            g.dispose();
        }
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label that keeps the placeholder from ever passing for a generated image. */
    private static void banner(Graphics2D g, String prompt, int width, int height) {
        int band = Math.max(18, height / 7);
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(0, height - band, width, band);
        try {
            g.setColor(new Color(255, 214, 102));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, band / 3)));
            g.drawString("OFFLINE PLACEHOLDER - not AI", band / 3, height - band + band / 2 - 1);
            g.setColor(new Color(230, 230, 230));
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, band / 4)));
            String shown = prompt.length() > 60 ? prompt.substring(0, 57) + "..." : prompt;
            g.drawString(shown, band / 3, height - band / 6 - 1);
        } catch (RuntimeException | Error noFonts) {
            // A container without fonts still gets the dark band; the model entry says "offline" either way.
            Log.debugf("No fonts for the offline banner: %s", noFonts.getMessage());
        }
    }
}
