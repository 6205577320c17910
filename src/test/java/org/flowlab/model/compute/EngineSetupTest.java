package org.flowlab.model.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-line explanations of a libtorch chosen through DJL's variables, on any machine. */
class EngineSetupTest {

    private static final String LIB = "libtorch.so";
    private static final Set<String> JNI = Set.of(
            "jnilib/linux-x86_64/cpu/" + System.mapLibraryName("djl_torch"),
            "jnilib/linux-x86_64/cu128/" + System.mapLibraryName("djl_torch"));

    private final Map<String, String> vars = new HashMap<>();

    @TempDir
    Path dir;

    private EngineSetup setup() {
        return new EngineSetup(vars::get, JNI::contains, "linux-x86_64", LIB);
    }

    private Path libtorch() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("libtorch/lib"));
        Files.writeString(lib.resolve(LIB), "not really a library");
        return lib;
    }

    @Test
    void theBundledLibraryNeedsNoVariables() {
        assertEquals(Optional.empty(), setup().problem());
        assertFalse(setup().overridden());
    }

    @Test
    void aFolderWithoutLibtorchIsNamed() {
        // given
        vars.put("PYTORCH_LIBRARY_PATH", dir.resolve("nowhere").toString());
        vars.put("PYTORCH_FLAVOR", "cu128");
        // when
        String problem = setup().problem().orElseThrow();
        // then
        assertTrue(
                problem.startsWith("PYTORCH_LIBRARY_PATH=" + dir.resolve("nowhere") + " contains no libtorch.so"),
                problem);
        assertFalse(problem.contains("\n"));
    }

    @Test
    void aMissingFlavourIsNamed() throws IOException {
        vars.put("PYTORCH_LIBRARY_PATH", libtorch().toString());
        String problem = setup().problem().orElseThrow();
        assertTrue(problem.startsWith("PYTORCH_FLAVOR is not set"), problem);
        assertTrue(problem.contains("cu128"), problem);
    }

    @Test
    void aFlavourWithoutJniBridgeNamesTheMissingFile() throws IOException {
        vars.put("PYTORCH_LIBRARY_PATH", libtorch().toString());
        vars.put("PYTORCH_FLAVOR", "cu126");
        String problem = setup().problem().orElseThrow();
        assertTrue(problem.contains("jnilib/linux-x86_64/cu126/"), problem);
    }

    @Test
    void anotherLibtorchVersionIsNamed() throws IOException {
        vars.put("PYTORCH_LIBRARY_PATH", libtorch().toString());
        vars.put("PYTORCH_FLAVOR", "cu128");
        vars.put("PYTORCH_VERSION", "2.5.1");
        String problem = setup().problem().orElseThrow();
        assertTrue(problem.startsWith("PYTORCH_VERSION=2.5.1"), problem);
        // and without a library path DJL would try to download that version
        vars.remove("PYTORCH_LIBRARY_PATH");
        assertTrue(setup().problem().orElseThrow().startsWith("PYTORCH_VERSION=2.5.1"));
    }

    @Test
    void aCompleteCudaSetupPassesTheCheck() throws IOException {
        // the library file itself is accepted as well as its folder
        vars.put("PYTORCH_LIBRARY_PATH", libtorch().resolve(LIB).toString());
        vars.put("PYTORCH_FLAVOR", "cu128");
        vars.put("PYTORCH_VERSION", "2.7.1");
        assertEquals(Optional.empty(), setup().problem());
        assertTrue(setup().overridden());
    }

    @Test
    void noGpuNamesWhatToSet() throws IOException {
        String bundled = setup().noGpuReason();
        assertTrue(bundled.contains("bundled CPU build") && bundled.contains("PYTORCH_LIBRARY_PATH"), bundled);
        vars.put("PYTORCH_LIBRARY_PATH", libtorch().toString());
        vars.put("PYTORCH_FLAVOR", "cpu");
        assertTrue(setup().noGpuReason().contains("PYTORCH_FLAVOR=cpu is a CPU flavour"));
        vars.put("PYTORCH_FLAVOR", "cu128");
        assertTrue(setup().noGpuReason().contains("reports no CUDA device"));
    }

    @Test
    void theBundledJniBridgeCarriesTheCpuAndCuda128Flavours() throws IOException {
        // given: the real class path (pytorch-jni 2.7.1-0.36.0); macOS has no CUDA build
        String platform = EngineSetup.osClassifier(System.getProperty("os.name"), System.getProperty("os.arch"));
        org.junit.jupiter.api.Assumptions.assumeFalse(platform.startsWith("osx"));
        vars.put("PYTORCH_LIBRARY_PATH", libtorch().toString());
        ClassLoader loader = getClass().getClassLoader();
        for (String flavor : new String[] {"cpu", EngineSetup.CUDA_FLAVOR}) {
            vars.put("PYTORCH_FLAVOR", flavor);
            // when
            Optional<String> problem =
                    new EngineSetup(vars::get, name -> loader.getResource(name) != null, platform, LIB).problem();
            // then
            assertEquals(Optional.empty(), problem, flavor);
        }
    }

    @Test
    void platformNamesFollowDjl() {
        assertEquals("linux-x86_64", EngineSetup.osClassifier("Linux", "amd64"));
        assertEquals("osx-aarch64", EngineSetup.osClassifier("Mac OS X", "aarch64"));
        assertEquals("win-x86_64", EngineSetup.osClassifier("Windows 11", "amd64"));
        assertEquals("linux-aarch64", EngineSetup.osClassifier("Linux", "arm64"));
    }
}
