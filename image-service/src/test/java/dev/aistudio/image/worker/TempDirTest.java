package dev.aistudio.image.worker;

import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.aistudio.image.support.Client;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Making and checking an image never touches the disk: ImageIO's temporary-file cache is off, so a temporary directory
 * that is gone, full or read-only cannot fail a good image (before, every job failed: "Not a directory!" / "Can't
 * create cache file!", the latter even as a fatal invalid_image).
 */
@QuarkusTest
class TempDirTest {

    private final Client ana = new Client();

    @Test
    void anImageIsMadeWhenTheTemporaryDirectoryIsGone() throws Exception {
        Path gone = Files.createTempDirectory("imageio-cache-");
        File before = ImageIO.getCacheDirectory();
        ImageIO.setCacheDirectory(gone.toFile());
        Files.delete(gone);
        try {
            String id = ana.submitOk(Client.offline("no temporary files"));
            ana.awaitStatus(id, "succeeded").then()
                    .body("status", is("succeeded"))
                    .body("attempts", is(1))
                    .body("error", nullValue());
        } finally {
            ImageIO.setCacheDirectory(before);
        }
    }
}
