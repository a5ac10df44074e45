package dev.aistudio.image.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A stand-in for HuggingFace's inference router (WireMock), answering as it does: image bytes, 503 "loading" with
 * estimated_time, 429 with Retry-After, 401, 500. Tests program it through WireMock's HTTP admin API.
 */
public class HfStub implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "hf_test_token";
    private static final String PORT_PROPERTY = "ai.studio.test-hf.port";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        System.setProperty(PORT_PROPERTY, Integer.toString(server.port()));
        return Map.of("studio.hf.base-url", "http://localhost:" + server.port(), "studio.hf.token", TOKEN);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A client of the stub's admin API, from any class loader. */
    public static WireMock client() {
        return new WireMock("localhost", Integer.getInteger(PORT_PROPERTY));
    }

    public static byte[] png(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
