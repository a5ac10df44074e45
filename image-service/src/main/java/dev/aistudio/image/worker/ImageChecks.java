package dev.aistudio.image.worker;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.aistudio.image.config.ImageConfig;
import dev.aistudio.image.provider.ImageProvider.GeneratedImage;
import dev.aistudio.image.provider.ProviderFailure;
import io.quarkus.runtime.StartupEvent;
import net.coobird.thumbnailator.Thumbnails;

/**
 * What arrives from a provider is checked before it is stored: within the size cap, an image content type, and bytes
 * that really decode as PNG, JPEG or GIF. The thumbnail (JPEG, Thumbnailator) is made here, once.
 */
@ApplicationScoped
public class ImageChecks {

    private static final Map<String, String> TYPES = Map.of("png", "image/png", "jpeg", "image/jpeg", "gif", "image/gif");

    private final ImageConfig config;

    public ImageChecks(ImageConfig config) {
        this.config = config;
    }

    /**
     * ImageIO copies every stream it reads or writes into a temporary file unless told not to. The bytes are in
     * memory already, so the copy only costs disk writes and can fail on its own (a full or read-only /tmp, the
     * Kubernetes emptyDir's size limit), which would fail a good image as unreadable.
     */
    void noDiskCache(@Observes StartupEvent start) {
        ImageIO.setUseCache(false);
    }

    /** A checked image, ready to store. */
    public record CheckedImage(byte[] bytes, String contentType, String sha256, byte[] thumbnail, String thumbnailType) {
    }

    /** Blocking (decodes the image): call from a worker thread. */
    public CheckedImage check(GeneratedImage image) {
        byte[] bytes = image.bytes();
        if (bytes.length == 0) {
            throw ProviderFailure.fatal("invalid_image", "The provider answered with an empty body instead of an image.");
        }
        if (bytes.length > config.maxImageBytes()) {
            throw ProviderFailure.fatal("invalid_image", "The provider's image is " + bytes.length
                    + " bytes, over the limit of " + config.maxImageBytes() + ".");
        }
        String declared = image.contentType() == null ? "" : image.contentType().toLowerCase(Locale.ROOT);
        if (!declared.startsWith("image/")) {
            throw ProviderFailure.fatal("invalid_image", "The provider answered with '"
                    + (declared.isEmpty() ? "no content type" : declared) + "' instead of an image.");
        }
        String format;
        BufferedImage decoded;
        try {
            format = format(bytes);
            decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw ProviderFailure.fatal("invalid_image", "The provider's answer is not a readable image: " + e.getMessage());
        }
        if (format == null || decoded == null || !TYPES.containsKey(format)) {
            throw ProviderFailure.fatal("invalid_image", "The provider's answer does not decode as a PNG, JPEG or GIF image.");
        }
        return new CheckedImage(bytes, TYPES.get(format), sha256(bytes), thumbnail(decoded), "image/jpeg");
    }

    /** The image decoded fine, so a thumbnail that cannot be made is our failure, not the provider's: tried again. */
    private byte[] thumbnail(BufferedImage decoded) {
        try {
            ByteArrayOutputStream thumb = new ByteArrayOutputStream();
            Thumbnails.of(decoded).size(config.thumbnailSize(), config.thumbnailSize())
                    .imageType(BufferedImage.TYPE_INT_RGB).outputFormat("jpg").outputQuality(0.85).toOutputStream(thumb);
            return thumb.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw ProviderFailure.retry("internal_error", "The thumbnail could not be made: "
                    + JobWorker.describe(e), Duration.ZERO);
        }
    }

    private static String format(byte[] bytes) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            return readers.hasNext() ? readers.next().getFormatName().toLowerCase(Locale.ROOT) : null;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
