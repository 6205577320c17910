package org.flowlab.model.io;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * NumPy {@code .npy} (format 1.0, little-endian float64 or float32, C order) and {@code .npz}
 * (a zip of .npy entries) files, readable by {@code numpy.load}.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']+)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /**
     * An array read from a file.
     *
     * @param shape its shape
     * @param values its values in C order, as doubles
     */
    public record Array(long[] shape, double[] values) {}

    private Npy() {}

    /**
     * The header of a float64 array of a given shape (padded so data starts at a multiple of 64).
     *
     * @param shape the shape
     * @return the header bytes including magic and length
     */
    static byte[] header(long[] shape, String descr) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        b.put(text.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /**
     * Writes a float64 array.
     *
     * @param out the stream (not closed)
     * @param shape the shape (its product must equal values.length)
     * @param values values in C order
     * @throws IOException on failure
     */
    public static void write(OutputStream out, long[] shape, double[] values) throws IOException {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("shape holds " + n + " values, got " + values.length);
        }
        out.write(header(shape, "<f8"));
        ByteBuffer b = ByteBuffer.allocate(8 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            if (!b.hasRemaining()) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            b.putDouble(v);
        }
        out.write(b.array(), 0, b.position());
    }

    /**
     * Writes several named arrays as an .npz archive.
     *
     * @param out the stream (not closed)
     * @param arrays name (without .npy) to array
     * @throws IOException on failure
     */
    public static void writeNpz(OutputStream out, Map<String, Array> arrays) throws IOException {
        OutputStream keepOpen = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        };
        try (ZipOutputStream zip = new ZipOutputStream(keepOpen)) {
            for (Map.Entry<String, Array> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                write(zip, e.getValue().shape(), e.getValue().values());
                zip.closeEntry();
            }
        }
    }

    /**
     * Reads one .npy array of float64 or float32.
     *
     * @param in the stream
     * @return the array
     * @throws IOException when the data is not such an array (with a clear message)
     */
    public static Array read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[6];
        try {
            data.readFully(magic);
        } catch (EOFException e) {
            throw new IOException("not a .npy file: it is shorter than the NumPy magic");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) {
                throw new IOException("not a .npy file: the NumPy magic is missing");
            }
        }
        int major = data.readUnsignedByte();
        data.readUnsignedByte();
        int headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(Short.reverseBytes(data.readShort()));
        } else if (major == 2 || major == 3) {
            headerLength = Integer.reverseBytes(data.readInt());
        } else {
            throw new IOException("unsupported .npy format version " + major);
        }
        byte[] headerBytes = new byte[headerLength];
        data.readFully(headerBytes);
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shapeM = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shapeM.find()) {
            throw new IOException("damaged .npy header: " + header.trim());
        }
        if (order.group(1).equals("True")) {
            throw new IOException(".npy arrays in Fortran order are not supported");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shapeM.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim()));
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        String type = descr.group(1);
        int width;
        switch (type) {
            case "<f8":
                width = 8;
                break;
            case "<f4":
                width = 4;
                break;
            default:
                throw new IOException("unsupported .npy data type " + type + " (FlowLab reads <f8 and <f4)");
        }
        byte[] raw = new byte[Math.toIntExact(n * width)];
        try {
            data.readFully(raw);
        } catch (EOFException e) {
            throw new IOException("truncated .npy file: expected " + n + " values");
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[(int) n];
        for (int i = 0; i < n; i++) {
            values[i] = width == 8 ? b.getDouble() : b.getFloat();
        }
        return new Array(shape, values);
    }

    /**
     * Reads every array of an .npz archive.
     *
     * @param in the stream
     * @return name (without .npy) to array, in archive order
     * @throws IOException when the archive or an entry is damaged
     */
    public static Map<String, Array> readNpz(InputStream in) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.toLowerCase(Locale.ROOT).endsWith(".npy")) {
                    continue;
                }
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                zip.transferTo(buf);
                out.put(name.substring(0, name.length() - 4), read(new java.io.ByteArrayInputStream(buf.toByteArray())));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("not an .npz archive (no .npy entries)");
        }
        return out;
    }
}
