package dev.aistudio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final Path HOME = Path.of("/srv/studio");

    @Test
    void defaultsPutDataUnderThePersonsDataFolder() {
        Settings s = Settings.from(List.of(), Map.of("XDG_DATA_HOME", "/home/ana/.data"), HOME);
        assertEquals(Path.of("/home/ana/.data/ai-studio-3d"), s.dataDir());
        assertEquals(new Settings.Ports(8080, 8081, 8082, 8083, 54329), s.ports());
        assertEquals(new Settings.Dev(5173, 0), s.dev());
    }

    @Test
    void devModeTakesTheViteAndDebugPortsFromOptionsOrEnvironment() {
        Settings s = Settings.from(List.of("dev", "--web-port", "15173"), Map.of("STUDIO_DEBUG_PORT", "5005"), HOME);
        assertEquals(new Settings.Dev(15173, 5005), s.dev());
        var e = assertThrows(Settings.UsageException.class,
                () -> Settings.from(List.of(), Map.of("STUDIO_WEB_PORT", "vite"), HOME));
        assertTrue(e.getMessage().contains("Vite"), e.getMessage());
    }

    @Test
    void optionsWinOverEnvironmentWhichWinsOverDefaults() {
        Settings s = Settings.from(List.of("--port", "9090", "--data-dir=/tmp/x"),
                Map.of("STUDIO_PORT", "7070", "STUDIO_CHAT_PORT", "7072", "STUDIO_DATA_DIR", "/tmp/y"), HOME);
        assertEquals(9090, s.ports().gateway());
        assertEquals(7072, s.ports().chat());
        assertEquals(Path.of("/tmp/x"), s.dataDir());
    }

    @Test
    void aBadPortIsAUsageErrorThatNamesIt() {
        var e = assertThrows(Settings.UsageException.class,
                () -> Settings.from(List.of("--pg-port", "99999"), Map.of(), HOME));
        assertTrue(e.getMessage().contains("PostgreSQL") && e.getMessage().contains("99999"), e.getMessage());
        assertThrows(Settings.UsageException.class, () -> Settings.from(List.of("--port"), Map.of(), HOME));
        assertThrows(Settings.UsageException.class, () -> Settings.from(List.of(), Map.of("STUDIO_PORT", "http"), HOME));
    }
}
