package io.headroom.profiler.flame;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stack samples in the "collapsed" (folded) format of Brendan Gregg's {@code stackcollapse} and
 * async-profiler: one line per distinct stack, frames from the root (outermost caller) to the leaf
 * (where the sample was taken) joined by {@code ;}, then a space and the sample count:
 * {@code java.lang.Thread.run;app.Worker.loop;app.Hot.burn 42}.
 *
 * <p>Frames are stored once in a name table and stacks as arrays of indexes into it, so a long recording
 * with many similar stacks stays small. Immutable and thread-safe once built; build with {@link #builder()}.
 */
public final class CollapsedStacks {
    private final List<String> frameNames;
    private final Map<Stack, Long> countsByStack;
    private final long totalSamples;

    private CollapsedStacks(List<String> frameNames, Map<Stack, Long> countsByStack) {
        this.frameNames = frameNames;
        this.countsByStack = countsByStack;
        long total = 0;
        for (long count : countsByStack.values()) total += count;
        this.totalSamples = total;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Sum of the counts of every stack. */
    public long totalSamples() {
        return totalSamples;
    }

    /** Number of distinct stacks (lines of the collapsed text). */
    public int distinctStacks() {
        return countsByStack.size();
    }

    /** Calls {@code consumer} once per distinct stack, frames root first, in no particular order. */
    public void forEach(StackConsumer consumer) {
        for (Map.Entry<Stack, Long> e : countsByStack.entrySet()) {
            int[] ids = e.getKey().frameIds;
            String[] frames = new String[ids.length];
            for (int i = 0; i < ids.length; i++) frames[i] = frameNames.get(ids[i]);
            consumer.accept(Collections.unmodifiableList(Arrays.asList(frames)), e.getValue());
        }
    }

    /** Receives one distinct stack: frames from root to leaf, and how many samples had exactly that stack. */
    @FunctionalInterface
    public interface StackConsumer {
        void accept(List<String> framesRootFirst, long samples);
    }

    /**
     * Writes one line per distinct stack, sorted by the stack text so the output is deterministic and
     * diffs between two profiles line up.
     */
    public void writeTo(Writer out) throws IOException {
        List<String> lines = new ArrayList<>(countsByStack.size());
        forEach((frames, samples) -> lines.add(String.join(";", frames) + " " + samples));
        Collections.sort(lines);
        for (String line : lines) {
            out.write(line);
            out.write('\n');
        }
        out.flush();
    }

    /** The collapsed text, as {@link #writeTo} writes it. */
    public String toText() {
        StringWriter out = new StringWriter();
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Reads collapsed text (ours, async-profiler's or {@code stackcollapse-*}'s). Blank lines are skipped;
     * equal stacks are added up. The count is the text after the last space, so frames may contain spaces.
     *
     * @throws CollapsedFormatException naming the line when a line has no count or a bad one
     */
    public static CollapsedStacks parse(Reader in) throws IOException {
        Builder builder = builder();
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) continue;
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                throw new CollapsedFormatException("line " + lineNumber + ": expected 'frame;frame;... count', got '"
                        + abbreviate(line) + "'");
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                throw new CollapsedFormatException("line " + lineNumber + ": the count '" + line.substring(space + 1)
                        + "' is not a whole number");
            }
            if (count < 0) throw new CollapsedFormatException("line " + lineNumber + ": negative count " + count);
            String[] frames = line.substring(0, space).split(";", -1);
            builder.add(Arrays.asList(frames), count);
        }
        return builder.build();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /**
     * A frame name safe for the collapsed format: {@code ;} separates frames and a line break ends the
     * stack, so they are replaced ({@code ;} by {@code :}, line breaks by a space). Names from the JVM never
     * contain them; hand-made class names (bytecode spinners) in theory can.
     */
    public static String sanitizeFrameName(String name) {
        if (name.indexOf(';') < 0 && name.indexOf('\n') < 0 && name.indexOf('\r') < 0) return name;
        return name.replace(';', ':').replace('\n', ' ').replace('\r', ' ');
    }

    /** Collects stacks; not thread-safe. Stacks with the same frames are added up. */
    public static final class Builder {
        private final List<String> frameNames = new ArrayList<>();
        private final Map<String, Integer> idsByName = new HashMap<>();
        private final Map<Stack, Long> countsByStack = new HashMap<>();
        private boolean built;

        private Builder() {}

        /** The id of a frame name, to pass to {@link #add(int[], long)}; the name is sanitized. */
        public int frameId(String frameName) {
            String name = sanitizeFrameName(frameName);
            Integer id = idsByName.get(name);
            if (id == null) {
                id = frameNames.size();
                frameNames.add(name);
                idsByName.put(name, id);
            }
            return id;
        }

        /**
         * Adds {@code samples} samples of the stack given by frame ids (from {@link #frameId}), root first.
         * The array is copied. An empty stack is ignored: it has no frame to draw.
         */
        public Builder add(int[] frameIdsRootFirst, long samples) {
            if (built) throw new IllegalStateException("already built");
            if (samples < 0) throw new IllegalArgumentException("samples must not be negative: " + samples);
            if (frameIdsRootFirst.length == 0 || samples == 0) return this;
            for (int id : frameIdsRootFirst) {
                if (id < 0 || id >= frameNames.size()) throw new IllegalArgumentException("unknown frame id " + id);
            }
            countsByStack.merge(new Stack(frameIdsRootFirst.clone()), samples, Long::sum);
            return this;
        }

        /** Adds {@code samples} samples of the stack given by frame names, root first. */
        public Builder add(List<String> framesRootFirst, long samples) {
            int[] ids = new int[framesRootFirst.size()];
            for (int i = 0; i < ids.length; i++) ids[i] = frameId(framesRootFirst.get(i));
            return add(ids, samples);
        }

        public CollapsedStacks build() {
            built = true;
            return new CollapsedStacks(List.copyOf(frameNames), Map.copyOf(countsByStack));
        }
    }

    /** A stack as frame ids, root first; value equality over the ids. */
    private record Stack(int[] frameIds) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Stack other && Arrays.equals(frameIds, other.frameIds);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(frameIds);
        }

        @Override
        public String toString() {
            return Arrays.toString(frameIds);
        }
    }
}
