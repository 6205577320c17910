package org.flowlab.model.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
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
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
    private static final int MAX_HEADER_BYTES = 1 << 16;
    private static final int MAX_DIMENSIONS = 32;
    private static final int BLOCK_BYTES = 1 << 16;

    /** The most values {@link #read(InputStream)} and {@link #readNpz(InputStream)} accept: 2^26 (512 MiB of doubles). */
    public static final long DEFAULT_MAX_VALUES = 1L << 26;

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
        String shapeText = shape.length == 1
                ? "(" + shape[0] + ",)"
                : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
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
     * Reads one .npy array of float64 or float32, of at most {@link #DEFAULT_MAX_VALUES} values.
     *
     * @param in the stream
     * @return the array
     * @throws IOException when the data is not such an array (with a clear message)
     */
    public static Array read(InputStream in) throws IOException {
        return read(in, DEFAULT_MAX_VALUES);
    }

    /**
     * Reads one .npy array of float64 or float32. Nothing is allocated from the header's word
     * alone: the header length is capped, every dimension must be a non-negative number whose
     * product fits {@code maxValues}, and the data is read in blocks, so a damaged or hostile
     * header gives a clear message, never an out-of-memory error.
     *
     * @param in the stream
     * @param maxValues the most values the caller accepts
     * @return the array
     * @throws IOException when the data is not such an array, is truncated or too large
     */
    public static Array read(InputStream in, long maxValues) throws IOException {
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
        String header;
        try {
            int major = data.readUnsignedByte();
            data.readUnsignedByte();
            long headerLength;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(Short.reverseBytes(data.readShort()));
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(Integer.reverseBytes(data.readInt()));
            } else {
                throw new IOException("unsupported .npy format version " + major);
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new IOException("damaged .npy header: it claims " + headerLength + " bytes (at most "
                        + MAX_HEADER_BYTES + " are allowed)");
            }
            byte[] headerBytes = new byte[(int) headerLength];
            data.readFully(headerBytes);
            header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        } catch (EOFException e) {
            throw new IOException("truncated .npy header");
        }
        Matcher descr = DESCR.matcher(header);
        Matcher order = ORDER.matcher(header);
        Matcher shapeM = SHAPE.matcher(header);
        if (!descr.find() || !order.find() || !shapeM.find()) {
            throw new IOException("damaged .npy header: " + printable(header));
        }
        if (order.group(1).equals("True")) {
            throw new IOException(".npy arrays in Fortran order are not supported");
        }
        long[] shape = parseShape(shapeM.group(1));
        long n = 1;
        for (long d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new IOException("damaged .npy header: the shape " + Arrays.toString(shape) + " overflows");
            }
        }
        if (n > maxValues) {
            throw new IOException("the .npy array has shape " + Arrays.toString(shape) + " (" + n
                    + " values), more than the " + maxValues + " expected here");
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
                throw new IOException("unsupported .npy data type " + printable(type) + " (FlowLab reads <f8 and <f4)");
        }
        double[] values = new double[(int) n];
        byte[] block = new byte[BLOCK_BYTES];
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < n) {
            int count = (int) Math.min(n - done, BLOCK_BYTES / width);
            try {
                data.readFully(block, 0, count * width);
            } catch (EOFException e) {
                throw new IOException(
                        "truncated .npy data: expected " + n + " values, the file ends before value " + (done + 1));
            }
            b.clear();
            for (int i = 0; i < count; i++) {
                values[done + i] = width == 8 ? b.getDouble() : b.getFloat();
            }
            done += count;
        }
        return new Array(shape, values);
    }

    private static long[] parseShape(String text) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            if (!DIGITS.matcher(t).matches()) {
                throw new IOException("damaged .npy header: the shape holds '" + printable(t) + "', not a size");
            }
            try {
                dims.add(Long.parseLong(t));
            } catch (NumberFormatException e) {
                throw new IOException("damaged .npy header: the size " + printable(t) + " overflows");
            }
            if (dims.size() > MAX_DIMENSIONS) {
                throw new IOException("damaged .npy header: more than " + MAX_DIMENSIONS + " dimensions");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    /** The text cut to one short line of printable characters, for messages. */
    private static String printable(String text) {
        String t = text.replaceAll("[^\\x20-\\x7e]", "?").trim();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }

    /**
     * Reads every array of an .npz archive, of at most {@link #DEFAULT_MAX_VALUES} values in all.
     *
     * @param in the stream
     * @return name (without .npy) to array, in archive order
     * @throws IOException when the archive or an entry is damaged
     */
    public static Map<String, Array> readNpz(InputStream in) throws IOException {
        return readNpz(in, DEFAULT_MAX_VALUES);
    }

    /**
     * Reads every array of an .npz archive, each entry read with the bound of {@link #read(InputStream, long)}.
     *
     * @param in the stream
     * @param maxValues the most values the caller accepts, all entries together
     * @return name (without .npy) to array, in archive order
     * @throws IOException when the archive or an entry is damaged or too large
     */
    public static Map<String, Array> readNpz(InputStream in, long maxValues) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        long left = maxValues;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (!name.toLowerCase(Locale.ROOT).endsWith(".npy")) {
                    continue;
                }
                String key = name.substring(0, name.length() - 4);
                Array a;
                try {
                    a = read(zip, left);
                } catch (IOException e) {
                    throw new IOException("entry " + printable(name) + ": " + e.getMessage(), e);
                }
                left -= a.values().length;
                if (out.put(key, a) != null) {
                    throw new IOException("the archive holds " + printable(name) + " twice");
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException("damaged .npz archive: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IOException("not an .npz archive (no .npy entries)");
        }
        return out;
    }
}
