package org.flowlab.model.anneal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.flowlab.model.compute.DeviceChoice;
import org.flowlab.model.compute.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainStoreTest {

    private static ChainResult mixtureChain(long seed) {
        ChainSpec spec = ChainSpec.create(
                "mixture2d",
                Map.of("mixture", "pair"),
                Schedule.parse("mu", "0:2:3"),
                "coupling2d",
                Map.of("layers", "2", "hidden", "4", "hiddenLayers", "1"),
                "rkl",
                ChainSpec.Base.PRIOR,
                5,
                16,
                1e-3,
                seed,
                1,
                true,
                128,
                64,
                DeviceChoice.CPU,
                Precision.FLOAT64);
        return AnnealedChain.run(spec, new AnnealedChain.Listener() {}, () -> false);
    }

    @Test
    void aSavedChainReadsBackWithItsSpecAndEveryStagesParameters(@TempDir Path dir) throws IOException {
        // given
        ChainResult result = mixtureChain(1);
        Path out = dir.resolve("chain");
        // when
        ChainStore.save(out, result);
        ChainStore.SavedChain saved = ChainStore.read(out);
        // then
        assertEquals(result.spec(), saved.spec());
        assertEquals(3, saved.parameters().size());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(result.parameters().get(i), saved.parameters().get(i));
            assertEquals(result.stages().get(i).ess(), saved.ess()[i], 1e-15);
        }
        String json = Files.readString(out.resolve(ChainStore.CHAIN_FILE));
        assertTrue(json.contains("\"log_z_exact\" : 0.0"), json);
        assertTrue(!json.contains("NaN"), "non-finite numbers are written as null");
    }

    @Test
    void savingAgainReplacesTheChainAndLeavesNoTemporaryDirectories(@TempDir Path dir) throws IOException {
        // given
        Path out = dir.resolve("chain");
        ChainStore.save(out, mixtureChain(1));
        ChainResult second = mixtureChain(2);
        // when
        ChainStore.save(out, second);
        // then
        assertEquals(2, ChainStore.read(out).spec().seed());
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(1, entries.count(), "only the chain directory is left");
        }
    }

    @Test
    void aDirectoryThatIsNotAChainIsLeftAlone(@TempDir Path dir) throws IOException {
        // given
        Path other = dir.resolve("notes");
        Files.createDirectories(other);
        Files.writeString(other.resolve("todo.txt"), "keep me");
        // when / then
        IOException e = assertThrows(IOException.class, () -> ChainStore.save(other, mixtureChain(1)));
        assertTrue(e.getMessage().contains("not a saved chain"), e.getMessage());
        assertEquals("keep me", Files.readString(other.resolve("todo.txt")));
        assertThrows(IOException.class, () -> ChainStore.read(other));
    }
}
