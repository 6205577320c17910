package org.flowlab.model.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixLibraryTest {

    @Test
    void aModeTheUserChoseIsKept() {
        assertEquals("Intel MKL with MKL_CBWR=AVX2 as set by the user", MatrixLibrary.fix(Map.of("MKL_CBWR", "AVX2")));
    }

    @Test
    void theEnginesStartPutsMklInItsReproducibleMode() {
        assumeFalse(Platform.isWindows());
        // given: the test process, whose environment names no mode (.ci/run sets none)
        assumeFalse(System.getenv().containsKey("MKL_CBWR"), "the user chose a mode");
        // when
        Compute.engine();
        // then: the process's own environment, as MKL reads it, holds the mode
        Function getenv = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("getenv");
        assertEquals("AUTO", getenv.invokeString(new Object[] {"MKL_CBWR"}, false));
        assertTrue(MatrixLibrary.describe().contains("reproducible mode"), MatrixLibrary.describe());
    }
}
