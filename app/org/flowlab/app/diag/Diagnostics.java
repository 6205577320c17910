package org.flowlab.app.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flowlab.model.compute.Compute;
import org.flowlab.model.compute.EngineSetup;
import org.flowlab.model.compute.MatrixLibrary;
import org.flowlab.model.compute.NativeAllocator;
import org.flowlab.model.io.FlowLabHome;

/**
 * What a bug report needs: the versions of FlowLab, Java, JavaFX, DJL and libtorch, the compute
 * device and thread count, the machine, the folders FlowLab uses, the engine variables, and the
 * tail of the log. Shown by the About box and copied by "Copy diagnostics".
 */
public final class Diagnostics {

    /** Lines of the log that a copied report ends with. */
    public static final int LOG_LINES = 80;

    /** Variables that change where libtorch comes from or where DJL unpacks it. */
    static final List<String> VARIABLES = List.of(
            EngineSetup.LIBRARY_PATH,
            EngineSetup.FLAVOR,
            EngineSetup.VERSION,
            "DJL_CACHE_DIR",
            "ENGINE_CACHE_DIR",
            "DJL_OFFLINE");

    /**
     * One line of the report.
     *
     * @param name what, such as "Java"
     * @param value its value
     */
    public record Item(String name, String value) {}

    private Diagnostics() {}

    /**
     * FlowLab's version from the jar manifest.
     *
     * @return such as {@code 0.1.0}, or "development build" when run from classes
     */
    public static String flowLabVersion() {
        String v = Diagnostics.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /**
     * The items, without the log.
     *
     * @param engine the window's engine loader, or null outside the window
     * @return the items in display order
     */
    public static List<Item> collect(EngineLoader engine) {
        List<Item> items = new ArrayList<>();
        items.add(new Item("FlowLab", flowLabVersion()));
        items.add(new Item(
                "Java",
                System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                        + System.getProperty("java.vendor", "?") + ", " + System.getProperty("java.home", "?") + ")"));
        items.add(new Item("JavaFX", System.getProperty("javafx.runtime.version", "not started")));
        items.add(new Item("DJL", Compute.djlVersion()));
        Compute.EngineInfo info = engine != null ? engine.info() : Compute.isStarted() ? Compute.engineInfo() : null;
        if (info != null) {
            items.add(new Item("libtorch", info.libtorchVersion() + " from " + info.libtorchFolder()));
            items.add(new Item(
                    "Device", info.device() + (info.gpus() > 0 ? ", " + info.gpus() + " GPU(s)" : ", no GPU")));
        } else {
            String state =
                    engine == null ? "not started" : engine.messageProperty().get();
            items.add(new Item("libtorch", EngineSetup.LIBTORCH_VERSION + " expected (" + state + ")"));
            items.add(new Item("Device", "known once the engine has started"));
        }
        items.add(new Item(
                "Threads",
                Compute.threadCount() + " for tensor work; batch in " + Compute.trainingShards()
                        + (Compute.trainingShards() == 1 ? " shard" : " shards")
                        + (Compute.shardsFollowLoad() ? ", or whole under load" : "")));
        items.add(new Item("Native allocator", NativeAllocator.describe()));
        items.add(new Item("Matrix products", MatrixLibrary.describe()));
        items.add(new Item("Class-data sharing", CdsArchive.status()));
        items.add(new Item("Java collector", JvmTuning.describe()));
        items.add(new Item("Java compiler", WindowCompiler.describe()));
        Runtime rt = Runtime.getRuntime();
        items.add(new Item(
                "System",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch") + ", " + rt.availableProcessors() + " cores, Java heap up to "
                        + String.format(Locale.ROOT, "%.1f GB", rt.maxMemory() / 1e9)));
        items.add(new Item("FlowLab home", FlowLabHome.path().toAbsolutePath().toString()));
        items.add(new Item("Log file", Logs.currentFile().toAbsolutePath().toString()));
        StringBuilder vars = new StringBuilder();
        for (String name : VARIABLES) {
            String value = EngineSetup.variable(name);
            if (value != null) {
                vars.append(vars.length() == 0 ? "" : ", ")
                        .append(name)
                        .append('=')
                        .append(value);
            }
        }
        items.add(new Item("Engine variables", vars.length() == 0 ? "none set" : vars.toString()));
        return items;
    }

    /**
     * The full report as plain text: the items, then the last lines of the log.
     *
     * @param engine the window's engine loader, or null
     * @param logLines how many log lines to append
     * @return the text
     */
    public static String report(EngineLoader engine, int logLines) {
        StringBuilder sb = new StringBuilder("FlowLab diagnostics").append(System.lineSeparator());
        for (Item item : collect(engine)) {
            sb.append(item.name()).append(": ").append(item.value()).append(System.lineSeparator());
        }
        List<String> tail = Logs.tail(logLines);
        sb.append(System.lineSeparator())
                .append("Last ")
                .append(tail.size())
                .append(" lines of ")
                .append(Logs.currentFile().toAbsolutePath())
                .append(':')
                .append(System.lineSeparator());
        for (String line : tail) {
            sb.append(line).append(System.lineSeparator());
        }
        return sb.toString();
    }
}
