package org.flowlab.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppImageBuilderTest {

    @TempDir
    Path dir;

    @Test
    void theLaunchersClassPathComesFromJpackagesConfigurationInOrder() throws IOException {
        // given: the configuration jpackage writes
        Path cfg = dir.resolve("flowlab.cfg");
        Files.writeString(
                cfg,
                "[Application]\napp.classpath=$APPDIR/flowlab.jar\napp.mainclass=org.flowlab.app.Launcher\n"
                        + "app.classpath=$APPDIR/lib/api-0.36.0.jar\n\n[JavaOptions]\njava-options=-Xshare:auto\n");
        Path appDir = dir.resolve("lib/app");
        // when
        List<String> cp = AppImageBuilder.classPath(cfg, appDir);
        // then
        assertEquals(List.of(appDir + "/flowlab.jar", appDir + "/lib/api-0.36.0.jar"), cp);
    }

    @Test
    void jpackageGetsANumericVersion() {
        assertEquals("0.1.0", AppImageBuilder.numericVersion("0.1.0-SNAPSHOT"));
        assertEquals("2.3", AppImageBuilder.numericVersion("2.3"));
        assertEquals("1.0", AppImageBuilder.numericVersion("SNAPSHOT"));
    }
}
