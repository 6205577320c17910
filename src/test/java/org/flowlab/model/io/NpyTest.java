package org.flowlab.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NpyTest {

    @Test
    void headerFollowsTheNumpyFormat() throws IOException {
        // given
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // when
        Npy.write(out, new long[] {3, 2, 2}, new double[12]);
        byte[] b = out.toByteArray();
        // then: magic, version 1.0, little-endian header length, 64-byte aligned data
        assertEquals((byte) 0x93, b[0]);
        assertEquals("NUMPY", new String(b, 1, 5, StandardCharsets.US_ASCII));
        assertEquals(1, b[6]);
        assertEquals(0, b[7]);
        int headerLength = (b[8] & 0xff) | ((b[9] & 0xff) << 8);
        assertEquals(0, (10 + headerLength) % 64);
        String header = new String(b, 10, headerLength, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2, 2), }"), header);
        assertTrue(header.endsWith("\n"));
        assertEquals(10 + headerLength + 12 * 8, b.length);
    }

    @Test
    void oneDimensionalShapeHasATrailingComma() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, new long[] {5}, new double[5]);
        assertTrue(new String(out.toByteArray(), StandardCharsets.US_ASCII).contains("'shape': (5,)"));
    }

    @Test
    void roundTripOfArraysAndArchives() throws IOException {
        double[] v = {1.5, -2.25, Math.PI, 0, 1e-300, -7};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, new long[] {2, 3}, v);
        Npy.Array a = Npy.read(new ByteArrayInputStream(out.toByteArray()));
        assertArrayEquals(new long[] {2, 3}, a.shape());
        assertArrayEquals(v, a.values());

        Map<String, Npy.Array> arrays = new LinkedHashMap<>();
        arrays.put("samples", new Npy.Array(new long[] {3, 2}, v));
        arrays.put("log_weights", new Npy.Array(new long[] {3}, new double[] {0.1, 0.2, 0.3}));
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        Npy.writeNpz(zip, arrays);
        Map<String, Npy.Array> back = Npy.readNpz(new ByteArrayInputStream(zip.toByteArray()));
        assertEquals(arrays.keySet(), back.keySet());
        assertArrayEquals(v, back.get("samples").values());
    }

    @Test
    void garbageIsRejectedWithAMessage() {
        IOException e = assertThrows(
                IOException.class,
                () -> Npy.read(new ByteArrayInputStream("hello world, not numpy".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("not a .npy file"), e.getMessage());
        assertThrows(IOException.class, () -> Npy.readNpz(new ByteArrayInputStream(new byte[] {1, 2, 3})));
    }
}
